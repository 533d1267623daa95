using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>The engagement page and the portfolio in words people use: names, not e-mails; values and codes in the reader's language.</summary>
public class WordsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_timeline_names_people_and_shows_values_and_codes_in_japanese()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("aiko.fm@example.com", Roles.FastTrackManager); // display name "aiko.fm"
        app.Scoped(db => db.Database.ExecuteSqlRaw("UPDATE \"AspNetUsers\" SET \"DisplayName\" = 'Aiko Tanaka'"));
        var fm = await app.SignInAsync("aiko.fm@example.com");
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.SetTaskAsync(fm, id, 994, "InProgress")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Workloads",
            new() { ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "In Progress|Migration|", ["Data.TargetOn"] = Today.AddDays(30).ToString("yyyy-MM-dd") })).StatusCode);

        var en = await fm.GetPageAsync($"/Engagements/{id}");
        var timeline = en.QuerySelector("[data-testid='timeline']")!.TextContent;
        Assert.Contains("Aiko Tanaka", timeline);
        Assert.DoesNotContain("aiko.fm@example.com", timeline);

        fm.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var ja = await fm.GetPageAsync($"/Engagements/{id}");
        var jaTimeline = ja.QuerySelector("[data-testid='timeline']")!.TextContent;
        Assert.Contains("未着手 → 進行中", jaTimeline);       // Not started → In progress
        Assert.Contains("状態:", jaTimeline);                 // the field label
        Assert.Contains("進行中 / 移行", ja.QuerySelector("[data-testid='workload']")!.TextContent); // In Progress / Migration
        var initiateJa = app.Scoped(db => db.Phases.Single(p => p.NameEn == "Initiate").NameJa);
        Assert.False(string.IsNullOrEmpty(initiateJa));
        Assert.Contains(initiateJa!, ja.QuerySelector("#progress-h")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task The_portfolio_below_goal_list_shows_the_engagement_and_its_active_usage()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var first = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-3), ServiceNames.Teams);
        var second = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "Targeting", Today.AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{first}/Usage",
            new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Today.ToString("yyyy-MM-dd"), ["Data.ActiveUsers"] = "25" })).StatusCode);

        var rows = (await fm.GetPageAsync("/")).QuerySelectorAll("[data-testid='below-goal'] li").Select(li => li.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains($"#{first}") && r.Contains("AU 25/1000"));
        Assert.Contains(rows, r => r.Contains($"#{second}") && r.Contains("no usage recorded yet"));
    }
}
