using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Security;

/// <summary>Issue 22, item 7: the id in the route is the one acted on; a posted field named id changes nothing.</summary>
public class RouteIdTests
{
    [Fact]
    public async Task Editing_an_engagement_with_another_id_in_the_form_edits_the_one_in_the_route()
    {
        await using var world = await PageWorld.CreateAsync();
        var fm = world.Personas["fm"];
        var motionOfB = world.App.Scoped(db => db.Engagements.Single(e => e.Id == world.EngagementB).Motion);
        var url = $"/Engagements/{world.EngagementA}/Edit";
        var response = await fm.PostFormAsync(url, new() { ["id"] = world.EngagementB.ToString(), ["Id"] = world.EngagementB.ToString(), ["Data.Motion"] = "Rfa" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Engagements/{world.EngagementA}", response.Headers.Location!.OriginalString);
        Assert.Equal(motionOfB, world.App.Scoped(db => db.Engagements.Single(e => e.Id == world.EngagementB).Motion));
        Assert.Equal("Rfa", world.App.Scoped(db => db.Engagements.Single(e => e.Id == world.EngagementA).Motion.ToString()));
    }

    [Fact]
    public async Task Retiring_a_task_with_another_id_in_the_form_retires_the_one_in_the_route()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var response = await admin.PostFormAsync("/Catalogue/Tasks/994?handler=Retire", new() { ["Id"] = "2536", ["id"] = "2536" },
            pageUrl: "/Catalogue/Tasks/994", formSelector: "[data-testid=retire-form]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 994).Retired));
        Assert.False(app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).Retired));
    }
}

/// <summary>Issue 22, item 7: a partner's Manager filter lists only the managers of engagements they can see.</summary>
public class PartnerManagerFilterTests
{
    [Fact]
    public async Task A_partner_sees_only_the_managers_of_their_organisations_engagements()
    {
        await using var world = await PageWorld.CreateAsync();
        await world.App.CreateUserAsync("idle-fm@example.com", Roles.FastTrackManager);
        string Managers(AngleSharp.Html.Dom.IHtmlDocument page) =>
            string.Join(" | ", page.QuerySelectorAll("select[name=ManagerId] option").Select(o => o.TextContent.Trim()).Where(t => t.Contains('@')));

        var partner = Managers(await world.Personas["partnerA-assigned"].GetPageAsync("/Engagements"));
        Assert.Contains("fm@example.com", partner);
        Assert.DoesNotContain("idle-fm@example.com", partner);

        var fm = Managers(await world.Personas["fm"].GetPageAsync("/Engagements"));
        Assert.Contains("idle-fm@example.com", fm);
    }
}

/// <summary>
/// Issue 20 (found by the IDOR probes): a form with a field that cannot be read as its type is shown again with the page's
/// lookups; for an engagement out of the caller's reach that reload is refused, and the answer was a 500.
/// </summary>
public class UnreadableFieldOutOfReachTests
{
    [Fact]
    public async Task A_form_with_an_unreadable_date_for_another_organisations_engagement_is_not_found_and_records_nothing()
    {
        await using var w = await PageWorld.CreateAsync();
        var url = $"/Engagements/{w.EngagementA}/Referrals";
        // Partner B's own engagement's form: a real token, then the date garbled and the URL of engagement A.
        var response = await w.Personas["partnerB"].PostFormAsync(url, new() { ["Data.ReferredOn"] = "not a date" }, pageUrl: $"/Engagements/{w.EngagementB}/Referrals");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, w.App.Scoped(db => db.Referrals.IgnoreQueryFilters().Count()));
    }

    [Fact]
    public async Task The_same_form_on_the_partners_own_engagement_is_shown_again_with_a_message()
    {
        await using var w = await PageWorld.CreateAsync();
        var url = $"/Engagements/{w.EngagementB}/Referrals";
        var response = await w.Personas["partnerB"].PostFormAsync(url, new() { ["Data.ReferredOn"] = "not a date" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = (await response.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.ReferredOn']")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(message), "no message next to the date");
        Assert.Equal(0, w.App.Scoped(db => db.Referrals.IgnoreQueryFilters().Count()));
    }
}
