using System.Net;
using FastTrack.Data.DemoData;

namespace FastTrack.Web.Tests.Pages;

/// <summary>Issue 22, item 8: a partner who signs in to the demo sees their organisation's engagements and can work on theirs.</summary>
public class DemoPartnerTests
{
    [Fact]
    public async Task Demo_partners_belong_to_their_organisation_and_are_assigned_to_its_engagements()
    {
        using var app = new AppFactory();
        var summary = await app.SeedDemoAsync(engagements: 40, seed: 8);
        Assert.Equal($"partner1-1@{DemoDataGenerator.EmailDomain}", summary.PartnerEmail);

        var partners = app.Scoped(db => db.Users.Where(u => u.Email!.StartsWith("partner")).Select(u => new { u.Id, u.Email, u.PartnerOrganisationId }).ToList());
        Assert.Equal(summary.PartnerUsers, partners.Count);
        Assert.All(partners, p => Assert.NotNull(p.PartnerOrganisationId));
        var first = partners.Single(p => p.Email == summary.PartnerEmail);
        var assigned = app.Scoped(db => db.EngagementPartnerAssignments.Where(a => a.UserId == first.Id).Select(a => a.EngagementId).ToList());
        Assert.NotEmpty(assigned);
        Assert.All(assigned, id => Assert.Equal(first.PartnerOrganisationId, app.Scoped(db => db.Engagements.Single(e => e.Id == id).PartnerOrganisationId)));

        var browser = await app.DemoUserAsync("partner1-1");
        var list = await browser.GetPageAsync("/Engagements");
        Assert.NotEmpty(list.QuerySelectorAll("[data-testid='engagement-row']"));
        var page = await browser.GetAsync($"/Engagements/{assigned[0]}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
