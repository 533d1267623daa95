using System.Net;
using System.Text.RegularExpressions;
using FastTrack.Data;
using FastTrack.Data.DemoData;
using FastTrack.Domain.Alerts;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Alerts;
using FastTrack.Web.Tests.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Alerts;

/// <summary>
/// Alert mails through a real SMTP server on loopback (<see cref="SmtpSink"/>): the evaluation and digest run and the
/// outbox sender are driven directly through their seams (<see cref="AlertRun.RunOnceAsync"/>, <see cref="OutboxSender.SendDueAsync"/>).
/// </summary>
/// <summary>The tests' seams into alerts and mail: settings for a sink, one run, one sender round.</summary>
internal static class Mailing
{
    internal const string BaseUrl = "https://fasttrack.test";

    internal static void UseMail(this AppFactory app, int port)
    {
        app.Settings["Mail:Host"] = "127.0.0.1";
        app.Settings["Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Mail:Tls"] = "None";
        app.Settings["Mail:From"] = "FastTrack <fasttrack@test.example>";
        app.Settings["Mail:PublicBaseUrl"] = BaseUrl;
    }

    internal static async Task<AlertRun.Outcome> RunAlertsAsync(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AlertRun>().RunOnceAsync(CancellationToken.None);
    }

    internal static async Task<OutboxSender.Outcome> SendOnceAsync(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    /// <summary>Sends rounds until a round finds nothing to claim; returns how many were sent.</summary>
    internal static async Task<int> SendAllAsync(WebApplicationFactory<Program> app)
    {
        var sent = 0;
        while (await SendOnceAsync(app) is { Claimed: > 0 } round) sent += round.Sent;
        return sent;
    }

    /// <summary>Runs <paramref name="work"/> on a context of its own and waits for it before the scope ends.</summary>
    internal static async Task DbAsync(this WebApplicationFactory<Program> app, Func<FastTrackDbContext, Task> work)
    {
        using var scope = app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<FastTrackDbContext>());
    }

    internal static T Db<T>(this WebApplicationFactory<Program> app, Func<FastTrackDbContext, T> read)
    {
        using var scope = app.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<FastTrackDbContext>());
    }
}

public partial class AlertMailTests
{
    private const string BaseUrl = Mailing.BaseUrl;

    [GeneratedRegex(@"https://fasttrack\.test/Engagements/(\d+)")]
    private static partial Regex EngagementLink();

    [Fact]
    public async Task After_seed_demo_one_digest_run_mails_each_FM_and_partner_their_own_items_in_their_language_and_a_second_run_or_a_restart_sends_nothing()
    {
        using var sink = await SmtpSink.StartAsync();
        using var app = new AppFactory();
        app.UseMail(sink.Port);
        await app.SeedDemoAsync(30, 2026);
        var japanese = $"fm2@{DemoDataGenerator.EmailDomain}";
        await app.DbAsync(db => db.Users.Where(u => u.Email == japanese).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, "ja")));

        var run = await Mailing.RunAlertsAsync(app);
        Assert.True(run.Ran);
        Assert.True(run.AlertsRaised > 0, "the demo data has overdue clocks");
        var sent = await Mailing.SendAllAsync(app);
        var mails = sink.Received();
        Assert.Equal(sent, mails.Count);

        var (alerts, emails, managed, assigned, partners) = app.Scoped(db => (
            db.Alerts.Select(a => new { a.RecipientId, a.EngagementId }).ToList()
                .GroupBy(a => a.RecipientId).ToDictionary(g => g.Key, g => g.Select(a => a.EngagementId).ToHashSet()),
            db.Users.ToDictionary(u => u.Email!, u => u.Id),
            db.Engagements.Select(e => new { e.Id, e.ManagerId }).ToList().ToLookup(e => e.ManagerId, e => e.Id),
            db.EngagementPartnerAssignments.Select(a => new { a.UserId, a.EngagementId }).ToList().ToLookup(a => a.UserId, a => a.EngagementId),
            db.UserRoles.Where(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Partner)).Select(r => r.UserId).ToHashSet()));

        // One digest per recipient with alerts, and nobody else.
        Assert.Equal(alerts.Count, mails.Count);
        Assert.Equal(alerts.Count, mails.Select(m => Assert.Single(m.To)).Distinct().Count());
        Assert.Contains(mails, m => partners.Contains(emails[m.To[0]]));
        Assert.Contains(mails, m => !partners.Contains(emails[m.To[0]]));
        foreach (var mail in mails)
        {
            var userId = emails[mail.To[0]];
            var links = EngagementLink().Matches(mail.Body).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            // Their items, all of them, and no one else's: each link is an engagement they manage or are assigned to.
            Assert.True(alerts[userId].SetEquals(links), $"{mail.To[0]}: links {string.Join(",", links)} vs alerts {string.Join(",", alerts[userId])}");
            Assert.All(links, id => Assert.True(managed[userId].Contains(id) || assigned[userId].Contains(id)));
            Assert.Contains(BaseUrl + "/Alerts", mail.Body);
        }
        var ja = Assert.Single(mails, m => m.To[0] == japanese);
        Assert.StartsWith("FastTrack デイリー ダイジェスト", ja.Subject);
        Assert.Contains("担当エンゲージメントで変わったこと", ja.Body);
        // Each in its user's language (the demo gives fm3 Chinese and partner1-2 Japanese too).
        var cultures = app.Scoped(db => db.Users.ToDictionary(u => u.Email!, u => u.Culture));
        Assert.Contains(mails, m => cultures[m.To[0]] == "zh-Hans");
        Assert.All(mails, m => Assert.StartsWith(cultures[m.To[0]] switch
        {
            "ja" => "FastTrack デイリー ダイジェスト",
            "zh-Hans" => "FastTrack 每日摘要",
            _ => "FastTrack daily digest for",
        }, m.Subject));

        // The same day again: nothing new to alert, nothing to mail.
        var again = await Mailing.RunAlertsAsync(app);
        Assert.Equal((0, 0), (again.AlertsRaised, again.MailsQueued));
        Assert.Equal(0, await Mailing.SendAllAsync(app));

        // A new host over the same database (a restart): still nothing.
        using var restarted = new AppFactory(sharedDatabase: app.Database);
        restarted.UseMail(sink.Port);
        var afterRestart = await Mailing.RunAlertsAsync(restarted);
        Assert.Equal((0, 0), (afterRestart.AlertsRaised, afterRestart.MailsQueued));
        Assert.Equal(0, await Mailing.SendAllAsync(restarted));
        Assert.Equal(mails.Count, sink.Received().Count);
        Assert.True(app.Scoped(db => db.OutboxMails.All(m => m.SentAt != null && m.Attempts == 1)), "every mail is recorded as sent, once");
    }

    [Fact]
    public async Task Two_senders_over_the_same_database_send_each_mail_exactly_once()
    {
        using var sink = await SmtpSink.StartAsync();
        using var first = new AppFactory();
        first.UseMail(sink.Port);
        using var second = new AppFactory(sharedDatabase: first.Database);
        second.UseMail(sink.Port);
        var userId = await first.CreateUserAsync("fm-two@example.com", Roles.FastTrackManager);
        await first.DbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
                db.OutboxMails.Add(OutboxMail.Queue($"test:{i}", userId, "fm-two@example.com", "Test", $"Mail {i}", "Body", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        _ = second.Services; // both hosts started before they race

        var sent = await Task.WhenAll(Task.Run(() => Mailing.SendAllAsync(first)), Task.Run(() => Mailing.SendAllAsync(second)));

        Assert.Equal(60, sent.Sum());
        var received = sink.Received();
        Assert.Equal(60, received.Count);
        Assert.Equal(60, received.Select(m => m.Subject).Distinct().Count());
        Assert.True(first.Scoped(db => db.OutboxMails.All(m => m.SentAt != null && m.Attempts == 1 && m.LeaseOwner == null)));
    }

    [Fact]
    public async Task With_the_SMTP_server_down_a_mail_is_retried_after_a_back_off_and_then_sent()
    {
        var port = SmtpSink.FreePort();
        var clock = new MovableClock();
        using var factory = new AppFactory();
        factory.UseMail(port);
        factory.Settings["Mail:RetryFirstSeconds"] = "30";
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var userId = await factory.CreateUserAsync("fm-retry@example.com", Roles.FastTrackManager);
        await app.DbAsync(async db =>
        {
            db.OutboxMails.Add(OutboxMail.Queue("test:retry", userId, "fm-retry@example.com", "Test", "Retried", "Body", clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });

        var down = await Mailing.SendOnceAsync(app);
        Assert.Equal((1, 0, 1), (down.Claimed, down.Sent, down.Failed));
        var failed = app.Db(db => db.OutboxMails.Single());
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.SentAt);
        Assert.Contains("Socket", failed.LastError);
        Assert.InRange(failed.NextAttemptAt - clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
        // Not due yet: nothing is claimed.
        Assert.Equal(0, (await Mailing.SendOnceAsync(app)).Claimed);

        using var sink = await SmtpSink.StartAsync(port);
        clock.Offset = TimeSpan.FromSeconds(31);
        var up = await Mailing.SendOnceAsync(app);
        Assert.Equal((1, 1, 0), (up.Claimed, up.Sent, up.Failed));
        var mail = Assert.Single(sink.Received());
        Assert.Equal("Retried", mail.Subject);
        var sent = app.Db(db => db.OutboxMails.Single());
        Assert.Equal(2, sent.Attempts);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal(0, (await Mailing.SendOnceAsync(app)).Claimed);
    }

    [Theory]
    [InlineData(null, null, "Mail:Host is not set")]
    [InlineData("127.0.0.1", "99999", "Mail:Port is '99999': it must be a number from 1 to 65535.")]
    [InlineData("127.0.0.1", "abc", "Mail:Port is 'abc'")]
    [InlineData("127.0.0.1", "refused", "(connection refused)")]
    public async Task Bad_mail_settings_show_on_health_as_degraded_and_the_app_keeps_working(string? host, string? port, string message)
    {
        using var app = new AppFactory();
        if (host is not null) app.Settings["Mail:Host"] = host;
        if (port is not null) app.Settings["Mail:Port"] = port == "refused" ? SmtpSink.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) : port;
        app.Settings["Mail:PublicBaseUrl"] = BaseUrl;
        var client = app.CreateClient();
        string body = "";
        for (var i = 0; i < 50 && !body.Contains(message, StringComparison.Ordinal); i++)
        {
            var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            body = System.Text.RegularExpressions.Regex.Unescape(await health.Content.ReadAsStringAsync());
            if (!body.Contains(message, StringComparison.Ordinal)) await Task.Delay(100);
        }
        Assert.Contains(message, body);
        Assert.Contains("\"mail\":\"Degraded\"", body);
        Assert.Contains("\"database\":\"Healthy\"", body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/SignIn")).StatusCode);
    }
    [Fact]
    public async Task A_server_that_refuses_is_said_once_in_the_log_however_many_mails_fail()
    {
        using var database = new AppDatabase();
        using (var app = new AppFactory("Development", database))
        {
            app.Settings["Mail:Host"] = "127.0.0.1";
            app.Settings["Mail:Port"] = SmtpSink.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            app.Settings["Mail:Tls"] = "None";
            app.Settings["Mail:PublicBaseUrl"] = BaseUrl;
            var client = app.CreateClient();
            for (var i = 0; i < 50 && !(await client.GetStringAsync("/health")).Contains("connection refused", StringComparison.Ordinal); i++) await Task.Delay(100);
            var userId = await app.CreateUserAsync("fm@example.com", FastTrack.Domain.Catalogue.Roles.FastTrackManager);
            await app.DbAsync(async db =>
            {
                for (var i = 0; i < 5; i++)
                    db.OutboxMails.Add(OutboxMail.Queue($"test:{i}", userId, "fm@example.com", "Test", "Subject", "Body", DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            });
            var round = await Mailing.SendOnceAsync(app);
            Assert.Equal(5, round.Claimed);
            Assert.Equal(0, round.Sent);
        }
        var degraded = FastTrack.Web.Tests.Infrastructure.LogFiles.Lines(database)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("RenderedMessage").GetString()!)
            .Where(m => m.StartsWith("Mail degraded", StringComparison.Ordinal)).ToList();
        // The probe at start says the server refuses; the failed mails say it once more (their own sentence), not five times.
        Assert.Contains(degraded, m => m.Contains("connection refused", StringComparison.Ordinal));
        Assert.Equal(degraded.Distinct().Count(), degraded.Count);
        Assert.InRange(degraded.Count, 1, 2);
    }

}
