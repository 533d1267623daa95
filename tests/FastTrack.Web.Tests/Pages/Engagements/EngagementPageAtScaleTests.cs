using System.Net;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>The engagement page with more than one phase: the current phase open, the others folded to their counts.</summary>
public class EngagementPageAtScaleTests
{
    [Fact]
    public async Task Only_the_current_phase_is_open_and_a_skipped_phase_says_what_it_left_open()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.SetTaskAsync(fm, id, 994, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.MoveAsync(fm, id, "Kickoff held by phone")).StatusCode);

        var page = await fm.GetPageAsync($"/Engagements/{id}");
        var phases = page.QuerySelectorAll("[data-testid='checklist-phase']").ToList();
        Assert.Equal(["Initiate", "Assess"], phases.Select(p => p.GetAttribute("data-phase")));
        Assert.False(phases[0].HasAttribute("open"));
        Assert.True(phases[1].HasAttribute("open"));
        var initiate = app.Scoped(db => db.EngagementTasks.Where(t => t.EngagementId == id).Count(t => t.PhaseId == db.Phases.Single(p => p.NameEn == "Initiate").Id));
        Assert.Equal($"1 of {initiate} done", phases[0].QuerySelector("[data-testid='phase-count']")!.TextContent.Trim());
        Assert.Contains($"{initiate - 1} left open", phases[0].QuerySelector("summary")!.TextContent);
    }
}
