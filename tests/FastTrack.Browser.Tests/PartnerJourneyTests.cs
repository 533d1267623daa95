using System.Text.RegularExpressions;
using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests;
using FastTrack.Web.Tests.Pages.Engagements;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// A partner's day: sign in, see only the organisation's engagements, complete an assigned task with a
/// note, and fail to open another organisation's engagement by changing the URL.
/// </summary>
public class PartnerJourneyTests
{
    [Fact]
    public async Task A_partner_sees_only_their_organisation_completes_an_assigned_task_and_cannot_reach_another_organisation()
    {
        await using var app = await BrowserApp.StartAsync();

        // Arranged through the app's own forms by a FastTrack manager: one engagement per organisation.
        var partnerId = await app.App.CreateUserInAsync("Alpha Partners", "priya@alpha.example", Roles.Partner);
        await app.App.CreateUserInAsync("Beta Partners", "bob@beta.example", Roles.Partner);
        await app.App.CreateUserAsync("frank@example.com", Roles.FastTrackManager);
        var fm = await app.SignedInClientAsync("frank@example.com");
        var today = DateOnly.FromDateTime(DateTime.Today);
        var ours = await EngagementJourneyTests.CreateEngagementForAsync(fm, "Alpha Partners",
            await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false), "RFA", today, ServiceNames.Teams);
        var theirs = await EngagementJourneyTests.CreateEngagementForAsync(fm, "Beta Partners",
            await EngagementJourneyTests.CreateCustomerAsync(fm, "Northwind", csm: false), "Targeting", today, ServiceNames.Teams);
        var assigned = await fm.PostFormValuesAsync($"/Engagements/{ours}/Partners", [new("Data.UserIds", partnerId)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, assigned.StatusCode);

        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("E-mail").FillAsync("priya@alpha.example");
        await page.GetByLabel("Password").FillAsync(AppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("priya@alpha.example");

        // Only the organisation's engagements, on the start page and in the list.
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Contoso");
        await Assertions.Expect(main).Not.ToContainTextAsync("Northwind");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Engagements" }).First.ClickAsync();
        await Assertions.Expect(main).ToContainTextAsync("Contoso");
        await Assertions.Expect(main).Not.ToContainTextAsync("Northwind");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customers" })).ToHaveCountAsync(0);

        // The assigned engagement: complete 3616 with a note; no phase controls for a partner.
        await page.GotoAsync($"/Engagements/{ours}");
        await BrowserApp.AssertAccessibleAsync(page);
        await Assertions.Expect(page.Locator("#move-form")).ToHaveCountAsync(0);
        var task = page.Locator("[data-testid='task'][data-ftop='3616']");
        await ManagerJourneyTests.OpenTaskFormAsync(page, task);
        await task.GetByLabel("Status").SelectOptionAsync("Completed");
        await task.GetByLabel("Completion note").FillAsync("Called the customer's IT lead");
        await task.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='task'][data-ftop='3616']")).ToContainTextAsync("priya@alpha.example");
        await Assertions.Expect(page.Locator("[data-testid='task'][data-ftop='3616']")).ToContainTextAsync("Called the customer's IT lead");

        // Another organisation's engagement by URL: Not Found, and nothing of it on the page.
        var path = $"/Engagements/{theirs}";
        app.ExpectErrorAt(path);
        var response = await page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(main).ToContainTextAsync("Not found");
        await Assertions.Expect(main).Not.ToContainTextAsync("Northwind");
        Assert.Matches(new Regex("^" + Regex.Escape(app.BaseUrl)), page.Url);

        app.AssertNoProblems();
        Assert.Equal(1, app.App.Scoped(db => db.Set<FastTrack.Domain.Engagements.EngagementTask>().Count(t => t.EngagementId == ours && t.FtopId == 3616 && t.Status == FastTrack.Domain.Engagements.EngagementTaskStatus.Completed)));
    }
}
