using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>The forecast table, the chart's projection and target marker, the clock strip and the portfolio's clock sections, through the real pages.</summary>
public class ForecastAndClocksPageTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly CultureInfo En = new("en");
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll("[data-testid='form-errors']").Select(e => e.TextContent.Trim()));

    private static string Cell(IHtmlDocument page, string testId) =>
        page.QuerySelector($"[data-testid='forecast-table'] tr[data-service='Teams'] [data-testid='{testId}']")!.TextContent.Trim();

    [Fact]
    public async Task The_FM_sees_the_forecast_sets_a_target_records_a_contact_and_the_portfolio_counts_the_clocks()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Tailspin", csm: false), "CustomerHealth", Today.AddDays(-45), ServiceNames.Teams);
        // 2 %, 3 %, 4 % of 1,000 seats ten days apart: 0.1 points a day, 10 % on day 80 from the first (40 days from today).
        foreach (var (day, users) in new[] { (-40, 20), (-30, 30), (-20, 40) })
            Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Usage",
                new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today.AddDays(day)), ["Data.ActiveUsers"] = users.ToString(CultureInfo.InvariantCulture) })).StatusCode);

        var page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("+3.0", Cell(page, "trend"));
        Assert.Equal(Today.AddDays(40).ToString("d", En), Cell(page, "projected-10"));
        Assert.Equal(Today.AddDays(340).ToString("d", En), Cell(page, "projected-40"));
        Assert.NotNull(page.QuerySelector("[data-testid='au-chart'] line[data-projection='Teams']"));
        Assert.Null(page.QuerySelector("[data-testid='target-marker']"));
        var noResponse = page.QuerySelector("[data-testid='clocks'] [data-clock='NoCustomerResponse']")!;
        Assert.Equal("true", noResponse.GetAttribute("data-overdue"));
        Assert.Equal("Overdue: No customer response for 45 days (more than 30 days)", noResponse.TextContent.Trim());

        // A target needs its reason, on the form that was sent; then it is shown with the slipped forecast and in the timeline.
        var refused = await fm.PostFormAsync($"/Engagements/{id}?handler=Target", new() { ["Data.TargetOn"] = Iso(Today.AddDays(10)) },
            pageUrl: $"/Engagements/{id}", formSelector: "form[data-target-form='Teams']");
        Assert.Contains("Say why the target date is set or changed.", Errors(await refused.HtmlAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}?handler=Target",
            new() { ["Data.TargetOn"] = Iso(Today.AddDays(10)), ["Data.Reason"] = "Agreed with the success owner" },
            pageUrl: $"/Engagements/{id}", formSelector: "form[data-target-form='Teams']")).StatusCode);
        page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.StartsWith(Today.AddDays(10).ToString("d", En), Cell(page, "target"));
        Assert.NotNull(page.QuerySelector("[data-testid='forecast-table'] [data-testid='forecast-slipped']"));
        Assert.NotNull(page.QuerySelector("[data-testid='au-chart'] line[data-testid='target-marker'][data-service='Teams']"));
        Assert.Contains("Service target set", page.QuerySelector("[data-testid='timeline']")!.TextContent);

        // The last customer contact: not in the future; a recent one stops the clock being overdue.
        var future = await fm.PostFormAsync($"/Engagements/{id}?handler=Contact", new() { ["Data.On"] = Iso(Today.AddDays(1)) },
            pageUrl: $"/Engagements/{id}", formSelector: "#contact-form");
        Assert.Contains("The date cannot be in the future.", Errors(await future.HtmlAsync()));
        var home = await fm.GetPageAsync("/");
        Assert.Equal("1", home.QuerySelector("[data-testid='no-response'] [data-testid='count']")!.TextContent.Trim());
        Assert.Equal("1", home.QuerySelector("[data-testid='targets-at-risk'] [data-testid='count']")!.TextContent.Trim());
        Assert.Contains($"forecast {Today.AddDays(40).ToString("d", En)}", home.QuerySelector("[data-testid='targets-at-risk'] [data-testid='detail']")!.TextContent);
        Assert.Contains("No customer response for more than 30 days", home.QuerySelector("[data-testid='no-response']")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}?handler=Contact", new() { ["Data.On"] = Iso(Today.AddDays(-2)) },
            pageUrl: $"/Engagements/{id}", formSelector: "#contact-form")).StatusCode);
        page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("false", page.QuerySelector("[data-testid='clocks'] [data-clock='NoCustomerResponse']")!.GetAttribute("data-overdue"));
        Assert.Contains("Customer contact recorded", page.QuerySelector("[data-testid='timeline']")!.TextContent);
        Assert.Equal("0", (await fm.GetPageAsync("/")).QuerySelector("[data-testid='no-response'] [data-testid='count']")!.TextContent.Trim());
    }
}
