using FastTrack.Data.DemoData;
using FastTrack.Web.Tests;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// The seeded demo (<c>seed-demo</c>) as its FM first sees it: the portfolio's clocks and targets at risk, and an
/// engagement at risk with its forecast table and the chart's dashed projection and target marker. Writes the README's
/// demo screenshots.
/// </summary>
public class DemoJourneyTests
{
    [Fact]
    public async Task The_demo_shows_an_fm_forecasts_slipped_targets_and_overdue_clocks_on_the_portfolio_and_the_engagement_page()
    {
        await using var app = await BrowserApp.StartAsync();
        await app.App.SeedDemoAsync(engagements: 120, seed: 20261207);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, $"fm1@{DemoDataGenerator.EmailDomain}", DemoDataGenerator.DefaultPassword);

        var atRisk = page.GetByTestId("targets-at-risk");
        await Assertions.Expect(atRisk.GetByTestId("count")).Not.ToHaveTextAsync("0");
        var clocks = new[] { "past-target", "blocked-no-note", "no-response", "review-not-held" };
        var overdue = 0;
        foreach (var clock in clocks)
            overdue += int.Parse(await page.GetByTestId(clock).GetByTestId("count").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overdue > 0, "the demo FM has overdue clocks on the portfolio");
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotInBothLanguagesAsync(page, "demo-portfolio");
        await BrowserApp.ScreenshotOfAsync(page.Locator("xpath=//h2[normalize-space()='Clocks and targets']/following-sibling::div[1]"), "demo-portfolio-clocks-en");

        await atRisk.Locator("a").First.ClickAsync();
        var forecast = page.GetByTestId("forecast-table");
        await Assertions.Expect(forecast).ToBeVisibleAsync();
        Assert.True(await forecast.Locator("[data-testid=forecast-slipped], [data-testid=target-passed]").CountAsync() > 0,
            "the engagement opened from 'targets at risk' flags its target");
        Assert.True(await page.Locator("[data-testid=target-marker]").CountAsync() > 0, "the chart marks the target date");
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotAsync(page, "demo-engagement-en");
        await BrowserApp.ScreenshotOfAsync(page.Locator("section[aria-labelledby=usage-h]"), "demo-engagement-usage-en");
        Assert.Empty(app.Problems);
    }
}
