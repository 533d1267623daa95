using System.Net;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Tests.Security;

/// <summary>A clock the test moves forward (the app's TimeProvider).</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

public class SessionTests
{
    [Fact]
    public void Production_configuration_revalidates_sessions_every_minute_with_idle_and_absolute_limits()
    {
        using var app = new AppFactory("Production");
        Assert.True(app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval <= TimeSpan.FromMinutes(1));
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(TimeSpan.FromHours(2), cookie.ExpireTimeSpan);
        Assert.True(cookie.SlidingExpiration);
        Assert.True(cookie.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.Equal(TimeSpan.FromHours(12), SessionLimits.Absolute);
    }

    [Fact]
    public async Task A_session_idle_for_more_than_two_hours_ends()
    {
        var clock = new MovableClock();
        using var factory = new AppFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        await factory.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var fm = await SignInAsync(app, "fm@example.com");
        clock.Offset = TimeSpan.FromHours(2.1);
        var after = await fm.GetAsync("/Engagements");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session()
    {
        using var factory = new AppFactory();
        // The stamp is checked every minute in production; here at every request, so the test need not wait a minute.
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var id = await factory.CreateUserAsync("pat@alpha.example", Roles.Partner);
        await factory.CreateUserAsync("admin@example.com", Roles.Admin);
        var admin = await SignInAsync(app, "admin@example.com");
        var pat = await SignInAsync(app, "pat@alpha.example");
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync("/Engagements")).StatusCode);

        var saved = await admin.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await pat.GetAsync("/Engagements");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var clock = new MovableClock();
        using var factory = new AppFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        }));
        await factory.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var fm = await SignInAsync(app, "fm@example.com");
        // Active every 1.5 hours (within the 2-hour idle limit) for 10.5 hours: still signed in.
        for (var hours = 1.5; hours <= 10.5; hours += 1.5)
        {
            clock.Offset = TimeSpan.FromHours(hours);
            Assert.Equal(HttpStatusCode.OK, (await fm.GetAsync("/Engagements")).StatusCode);
        }
        clock.Offset = TimeSpan.FromHours(12.25);
        var after = await fm.GetAsync("/Engagements");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
    }

    private static async Task<HttpClient> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}

public class CrossOrganisationTests
{
    [Fact]
    public async Task Ids_of_another_organisation_in_urls_hidden_fields_and_forged_posts_are_refused_and_change_nothing()
    {
        await using var w = await PageWorld.CreateAsync();
        var pa = w.Personas["partnerA-assigned"];
        var before = Snapshot(w);

        // An id changed in the URL.
        Assert.Equal(HttpStatusCode.NotFound, (await pa.GetAsync($"/Engagements/{w.EngagementB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pa.GetAsync($"/Engagements/{w.EngagementB}/Usage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pa.GetAsync($"/Customers/{w.CustomerB}")).StatusCode);

        // The partner's own form, posted to the other organisation's engagement.
        var taskB = w.App.Scoped(db => db.EngagementTasks.First(t => t.EngagementId == w.EngagementB).Id);
        var toB = await pa.PostFormAsync($"/Engagements/{w.EngagementB}?handler=Task",
            new() { ["Data.TaskId"] = taskB.ToString(), ["Data.Status"] = "Completed", ["Data.Version"] = "0" },
            pageUrl: $"/Engagements/{w.EngagementA}?edit={w.TaskA}", formSelector: $"form[data-task-form='{w.TaskA}']");
        Assert.Equal(HttpStatusCode.NotFound, toB.StatusCode);
        // A hidden field changed: engagement B's task and engagement id through engagement A's URL.
        var hidden = await pa.PostFormAsync($"/Engagements/{w.EngagementA}?handler=Task",
            new() { ["Data.TaskId"] = taskB.ToString(), ["Data.EngagementId"] = w.EngagementB.ToString(), ["Data.Status"] = "Completed" },
            pageUrl: $"/Engagements/{w.EngagementA}?edit={w.TaskA}", formSelector: $"form[data-task-form='{w.TaskA}']");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var usage = await pa.PostFormAsync($"/Engagements/{w.EngagementA}/Usage",
            new() { ["Data.EngagementId"] = w.EngagementB.ToString(), ["Data.Service"] = "Teams", ["Data.ActiveUsers"] = "-1" });
        // The route's engagement wins over a forged Data.EngagementId: the figure is checked against A (and refused there).
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);

        // Mass assignment: fields beyond the partner's use case, forged onto forms the partner may not send.
        var token = (await pa.GetPageAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"/Engagements/{w.EngagementA}/Edit", new() { ["Data.PartnerName"] = "Beta Partners", ["Data.ManagerId"] = w.PartnerAAssignedId }),
            ($"/Engagements/{w.EngagementA}?handler=Move", new() { ["Data.TargetProcessId"] = "2", ["Data.OverrideReason"] = "partner says so" }),
            ($"/Engagements/{w.EngagementA}/Partners", new() { ["Data.UserIds"] = w.PartnerBId }),
            ($"/Engagements/{w.EngagementA}/Dibs", new() { ["Data.Service"] = "Teams", ["Data.SuccessCriterion"] = "met", ["Data.SuccessCriterionMet"] = "true" }),
            ("/Admin/Users/New", new() { ["Data.Email"] = "eve@example.com", ["Data.DisplayName"] = "Eve", ["Data.Password"] = AppFactory.Password, ["Data.Roles"] = Roles.Admin }),
            ("/Catalogue/Tasks/994?handler=Retire", new() { ["Version"] = "1" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await pa.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }

        Assert.Equal(before, Snapshot(w));
        Assert.False(w.App.Scoped(db => db.Users.Any(u => u.Email == "eve@example.com")));
    }

    /// <summary>Everything a refused attempt could have changed.</summary>
    private static string Snapshot(PageWorld w) => w.App.Scoped(db => string.Join("|",
        string.Join(",", db.Engagements.OrderBy(e => e.Id).Select(e => $"{e.Id}:{e.Version}:{e.PartnerOrganisationId}:{e.CurrentProcessId}:{e.ManagerId}")),
        string.Join(",", db.EngagementTasks.OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Version}:{t.Status}")),
        db.UsageRecords().Count(), db.EngagementPartnerAssignments.Count(), db.EngagementServices.Count(s => s.SuccessCriterionMet),
        db.CatalogueTasks.Count(t => t.Retired), db.AuditEntries.Count(a => a.EntityType != "SignIn")));
}

internal static class SnapshotQueries
{
    public static IQueryable<UsageRecord> UsageRecords(this Data.FastTrackDbContext db) => db.Set<UsageRecord>();
}
