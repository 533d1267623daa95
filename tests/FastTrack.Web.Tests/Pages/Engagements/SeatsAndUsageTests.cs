using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>Seats and usage agree through the pages: refused with the reason, and what older data disagrees on is shown.</summary>
public class SeatsAndUsageTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll("[data-testid='form-errors'], .validation-summary-errors, .alert-danger").Select(e => e.TextContent.Trim()));

    private static string SeatsField(IHtmlDocument form, string service) =>
        form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Single(i => i.Value == service && i.Name!.StartsWith("Data.Seats", StringComparison.Ordinal)).Name!.Replace(".Service", ".Seats");

    [Fact]
    public async Task An_engagement_with_a_service_the_customer_has_no_seats_of_is_refused()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var posted = await fm.PostFormValuesAsync("/Engagements/New",
            [new("Data.CustomerId", customer.ToString()), new("Data.Motion", "CustomerHealth"), new("Data.AssignedOn", Iso(Today)),
             new("Data.Services", ServiceNames.Teams), new("Data.Services", ServiceNames.SharePoint)], pageUrl: $"/Engagements/New?customerId={customer}");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("The customer has no seats of SharePoint", Errors(await posted.HtmlAsync()));
        Assert.Equal(0, app.Scoped(db => db.Engagements.Count()));
    }

    [Fact]
    public async Task Seats_below_the_usage_recorded_or_removed_from_a_service_in_scope_are_refused()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false, teamsSeats: 1000);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-10), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Usage",
            new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today), ["Data.ActiveUsers"] = "600" })).StatusCode);

        var form = await fm.GetPageAsync($"/Customers/{customer}/Edit");
        var teams = SeatsField(form, ServiceNames.Teams);
        var lowered = await fm.PostFormAsync($"/Customers/{customer}/Edit", new() { [teams] = "200" });
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Contains($"Teams cannot go below 600 seats: engagement #{id} recorded 600 active users on {Iso(Today)}.", Errors(await lowered.HtmlAsync()));
        var removed = await fm.PostFormAsync($"/Customers/{customer}/Edit", new() { [teams] = "" });
        Assert.Contains($"Teams is in scope of engagement #{id}", Errors(await removed.HtmlAsync()));
        Assert.Equal(1000, app.Scoped(db => db.Customers.Include(c => c.Seats).Single().SeatsFor(ServiceNames.Teams)));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Customers/{customer}/Edit", new() { [teams] = "600" })).StatusCode);
    }

    [Fact]
    public async Task The_engagement_page_shows_usage_above_seats_left_by_older_data()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false, teamsSeats: 1000);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-10), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Usage",
            new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today), ["Data.ActiveUsers"] = "600" })).StatusCode);
        // Seats lowered before the rule existed (straight in the database), then another change so the page is read afresh.
        app.Scoped(db => db.Database.ExecuteSqlRaw("UPDATE \"CustomerSeats\" SET \"Seats\" = 120"));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}?handler=Note", new() { ["Data.Text"] = "seats checked" },
            pageUrl: $"/Engagements/{id}", formSelector: "#note-form")).StatusCode);
        var page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid='usage-table'] [data-testid='above-seats']"));
    }

    [Fact]
    public async Task A_workload_target_date_in_2199_is_refused_on_the_field()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-3), ServiceNames.Teams);
        var posted = await fm.PostFormAsync($"/Engagements/{id}/Workloads",
            new() { ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "In Progress|Migration|", ["Data.TargetOn"] = "2199-01-01" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("A planned date is at most three years from today.",
            (await posted.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.TargetOn']")?.TextContent.Trim());
        Assert.Null(app.Scoped(db => db.EngagementServices.Single(s => s.EngagementId == id).WorkloadL1));
    }
}
