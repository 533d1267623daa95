using System.Net;
using FastTrack.Web.Tests.Security;

namespace FastTrack.Web.Tests.Pages;

/// <summary>Task 983 QuickLeads through the pages: recorded on the engagement's referral page, shown on the customer's and the organisation's.</summary>
public class ReferralPageTests
{
    [Fact]
    public async Task An_FM_records_a_referral_which_shows_on_the_customer_and_organisation_pages_and_bad_input_is_a_field_message()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = w.Personas["fm"];
        var url = $"/Engagements/{w.EngagementA}/Referrals";
        var engagement = await fm.GetPageAsync($"/Engagements/{w.EngagementA}");
        Assert.NotNull(engagement.QuerySelector($"a[href='{url}']"));

        // Nothing chosen, a day in the future: a message on each field, nothing saved, no 5xx.
        var refused = await fm.PostFormAsync(url, new() { ["Data.PartnerOrganisationId"] = "", ["Data.ReferredOn"] = "2999-01-01" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Choose the partner organisation the customer was referred to.", page);
        Assert.Contains("A referral cannot be dated in the future.", page);
        Assert.Equal(0, w.App.Scoped(db => db.Referrals.Count()));

        var saved = await fm.PostFormAsync(url, new() { ["Data.PartnerOrganisationId"] = w.OrgA.ToString(), ["Data.Note"] = "Tenant-to-tenant migration" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var customer = await fm.GetPageAsync($"/Customers/{w.CustomerA}");
        var row = customer.QuerySelector("[data-testid=referrals] tbody tr")!.TextContent;
        Assert.Contains("Alpha Partners", row);
        Assert.Contains("Tenant-to-tenant migration", row);
        var organisation = await w.Personas["admin"].GetPageAsync($"/Admin/Organisations/{w.OrgA}");
        Assert.Contains("Contoso", organisation.QuerySelector("[data-testid=referrals]")!.TextContent);

        // In Japanese, the page's words are translated.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd("ja");
        var ja = await fm.SendAsync(request);
        Assert.Contains("紹介を記録", await ja.Content.ReadAsStringAsync());
    }
}
