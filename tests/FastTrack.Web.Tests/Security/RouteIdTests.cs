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
