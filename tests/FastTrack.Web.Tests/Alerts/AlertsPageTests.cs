using System.Net;
using FastTrack.Data.DemoData;
using FastTrack.Domain.Alerts;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Alerts;

/// <summary>The bell and /Alerts over seeded demo data after one alert run (no mail configured: alerts still appear).</summary>
public class AlertsPageTests
{
    [Fact]
    public async Task The_bell_counts_unread_alerts_and_the_alerts_page_lists_them_newest_first_with_mark_read_and_mark_all_read()
    {
        using var app = new AppFactory();
        await app.SeedDemoAsync(20, 2026);
        var run = await Mailing.RunAlertsAsync(app);
        Assert.True(run.AlertsRaised > 0);
        Assert.Equal(0, run.MailsQueued); // no Mail:Host: nothing queued, the alerts are in the app
        var fm = await app.DemoUserAsync("fm1");
        var fmId = app.Scoped(db => db.Users.Single(u => u.Email == $"fm1@{DemoDataGenerator.EmailDomain}").Id);
        var unread = app.Scoped(db => db.Alerts.Count(a => a.RecipientId == fmId));
        Assert.True(unread > 0);

        var home = await fm.GetPageAsync("/");
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("[data-testid=bell-count]")!.TextContent);
        Assert.Contains($"{unread} unread", home.QuerySelector("[data-testid=bell]")!.GetAttribute("aria-label"));

        var page = await fm.GetPageAsync("/Alerts");
        var items = page.QuerySelectorAll("[data-alert]");
        Assert.Equal(Math.Min(unread, 50), items.Length);
        Assert.All(items, i => Assert.Equal("no", i.GetAttribute("data-read")));
        // Each links to the exact engagement page, one of fm1's.
        var own = app.Scoped(db => db.Engagements.Where(e => e.ManagerId == fmId).Select(e => e.Id).ToHashSet());
        Assert.All(items, i => Assert.Contains(int.Parse(i.QuerySelector("a")!.GetAttribute("href")!.Split('?')[0].Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), own));
        var ids = items.Select(i => long.Parse(i.GetAttribute("data-alert")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var created = app.Scoped(db => db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionary(a => a.Id, a => a.CreatedAt));
        Assert.Equal(ids, ids.OrderByDescending(id => created[id]).ThenByDescending(id => id));

        // Another user's alert is not theirs to read.
        var partnerAlert = app.Scoped(db => db.Alerts.Where(a => a.RecipientId != fmId).Select(a => a.Id).First());
        var foreign = await fm.PostFormAsync($"/Alerts?handler=Read&id={partnerAlert}", [], "/Alerts", "[data-read=no] form");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null(app.Scoped(db => db.Alerts.Single(a => a.Id == partnerAlert).ReadAt));

        var first = ids[0];
        var read = await fm.PostFormAsync($"/Alerts?handler=Read&id={first}", [], "/Alerts", $"[data-alert='{first}'] form");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        page = await fm.GetPageAsync("/Alerts");
        Assert.Equal("yes", page.QuerySelector($"[data-alert='{first}']")!.GetAttribute("data-read"));
        if (unread > 1) Assert.Equal((unread - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=bell-count]")!.TextContent);

        var all = await fm.PostFormAsync("/Alerts?handler=AllRead", [], "/Alerts");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        page = await fm.GetPageAsync("/Alerts");
        Assert.Null(page.QuerySelector("[data-testid=bell-count]"));
        Assert.Equal(0, app.Scoped(db => db.Alerts.Count(a => a.RecipientId == fmId && a.ReadAt == null)));
    }

    [Fact]
    public async Task Opening_an_alerts_link_marks_it_read_and_gives_back_the_engagements_own_address_and_another_users_alert_stays_unread()
    {
        using var app = new AppFactory();
        await app.SeedDemoAsync(20, 2026);
        await Mailing.RunAlertsAsync(app);
        var fm = await app.DemoUserAsync("fm1");
        var fmId = app.Scoped(db => db.Users.Single(u => u.Email == $"fm1@{DemoDataGenerator.EmailDomain}").Id);
        var page = await fm.GetPageAsync("/Alerts");
        var item = page.QuerySelector("[data-read=no]")!;
        var id = long.Parse(item.GetAttribute("data-alert")!, System.Globalization.CultureInfo.InvariantCulture);
        var engagement = app.Scoped(db => db.Alerts.Single(a => a.Id == id).EngagementId);
        var link = item.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/Engagements/{engagement}?alert={id}", link);

        var opened = await fm.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Engagements/{engagement}", opened.Headers.Location!.OriginalString);
        Assert.NotNull(app.Scoped(db => db.Alerts.Single(a => a.Id == id).ReadAt));
        Assert.Equal($"/Engagements/{engagement}", (await fm.GetPageAsync("/Alerts")).QuerySelector($"[data-alert='{id}'] a")!.GetAttribute("href"));

        // Someone else's alert id on fm1's own engagement: the page opens, the other user's alert is untouched.
        var foreign = app.Scoped(db => db.Alerts.Where(a => a.RecipientId != fmId && a.ReadAt == null).Select(a => a.Id).First());
        var other = await fm.GetAsync($"/Engagements/{engagement}?alert={foreign}");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Null(app.Scoped(db => db.Alerts.Single(a => a.Id == foreign).ReadAt));
    }

    [Fact]
    public async Task Preferences_on_the_profile_default_to_daily_and_Immediate_queues_one_mail_per_alert_while_Off_queues_none()
    {
        using var sink = await SmtpSink.StartAsync();
        using var app = new AppFactory();
        app.UseMail(sink.Port);
        await app.SeedDemoAsync(20, 2026);
        var fm = await app.DemoUserAsync("fm1");
        var profile = await fm.GetPageAsync("/Account/Profile");
        var selects = profile.QuerySelectorAll("[data-testid=alert-preferences] select");
        Assert.Equal(Enum.GetValues<AlertKind>().Length, selects.Length);
        Assert.All(selects, s => Assert.Equal("Daily", ((AngleSharp.Html.Dom.IHtmlSelectElement)s).Value));

        // Everything immediate except "no customer response", which is off.
        var fields = new Dictionary<string, string>();
        var kinds = Enum.GetValues<AlertKind>();
        for (var i = 0; i < kinds.Length; i++) fields[$"Prefs.Choices[{i}].Delivery"] = kinds[i] == AlertKind.NoCustomerResponse ? "Off" : "Immediate";
        var saved = await fm.PostFormAsync("/Account/Profile?handler=Alerts", fields, "/Account/Profile", "[data-testid=alert-preferences]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        profile = await fm.GetPageAsync("/Account/Profile");
        Assert.Equal("Off", ((AngleSharp.Html.Dom.IHtmlSelectElement)profile.QuerySelector("#pref-NoCustomerResponse")!).Value);

        // A refused value changes nothing and is no 500.
        var bad = await fm.PostFormAsync("/Account/Profile?handler=Alerts", new() { ["Prefs.Choices[0].Delivery"] = "Sometimes" }, "/Account/Profile", "[data-testid=alert-preferences]");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);

        await Mailing.RunAlertsAsync(app);
        await Mailing.SendAllAsync(app);
        var email = $"fm1@{DemoDataGenerator.EmailDomain}";
        var fmId = app.Scoped(db => db.Users.Single(u => u.Email == email).Id);
        var expected = app.Scoped(db => db.Alerts.Count(a => a.RecipientId == fmId && a.Kind != AlertKind.NoCustomerResponse));
        var mine = sink.Received().Where(m => m.To.Contains(email)).ToList();
        Assert.Equal(expected, mine.Count);
        Assert.All(mine, m => Assert.StartsWith("FastTrack alert: ", m.Subject));
        Assert.DoesNotContain(mine, m => m.Subject.Contains("No customer response", StringComparison.Ordinal));
        Assert.True(app.Scoped(db => db.Alerts.Where(a => a.RecipientId == fmId).All(a => a.MailHandledAt != null)));
    }
}
