using System.Net;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Web.Tests.Pages.Engagements;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// The portfolio, the engagement list and an engagement's page are cached in each instance and checked against the
/// revisions in the database (docs/decisions/0009-read-caches-checked-against-revisions.md): a change made through one
/// instance shows at once on another that has the page cached, and on the same instance.
/// </summary>
public class ReadCacheTests
{
    private static HttpClient Client(AppFactory instance, CookieContainer cookies) =>
        instance.CreateDefaultClient(new Uri("http://localhost"), new RedirectHandler(0), new CookieContainerHandler(cookies));

    private static async Task<string> TaskStatusAsync(HttpClient client, int id, int ftop) =>
        (await client.GetPageAsync($"/Engagements/{id}")).QuerySelector($"[data-testid='task'][data-ftop='{ftop}'] [data-testid='task-status']")!.TextContent.Trim();

    private static async Task<string> ListAsync(HttpClient client) =>
        string.Join(" | ", (await client.GetPageAsync("/Engagements")).QuerySelectorAll("[data-testid='engagement-row']").Select(r => r.TextContent));

    /// <summary>The portfolio's "Overdue RFA first contacts" card.</summary>
    private static async Task<string> OverdueAsync(HttpClient client) =>
        (await client.GetPageAsync("/")).QuerySelector("[data-testid='overdue']")!.TextContent;

    [Fact]
    public async Task A_change_through_one_instance_shows_at_once_on_another_that_has_the_pages_cached()
    {
        using var database = new AppDatabase();
        using var first = new AppFactory(sharedDatabase: database);
        using var second = new AppFactory(sharedDatabase: database);
        await first.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var cookies = new CookieContainer();
        var onFirst = Client(first, cookies);
        var onSecond = Client(second, cookies);
        var signedIn = await onFirst.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var customer = await EngagementJourneyTests.CreateCustomerAsync(onFirst, "Contoso", csm: true);
        var id = await EngagementJourneyTests.CreateEngagementAsync(onFirst, customer, "Rfa", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20), ServiceNames.Teams);

        // The second instance reads and caches each page (twice: the second view is served from its cache).
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("Not started", await TaskStatusAsync(onSecond, id, 994));
            Assert.Contains("Contoso", await ListAsync(onSecond));
            Assert.Contains("Contoso", await OverdueAsync(onSecond)); // its RFA first contact is overdue
        }

        // Task work through the first instance: the engagement page on the second shows it.
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.SetTaskAsync(onFirst, id, 994, "Completed")).StatusCode);
        Assert.Equal("Completed", await TaskStatusAsync(onSecond, id, 994));

        // The first contact done through the first instance: it leaves the portfolio's overdue list on the second.
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.SetTaskAsync(onFirst, id, PlaybookNames.FirstContactTask, "Completed")).StatusCode);
        Assert.DoesNotContain("Contoso", await OverdueAsync(onSecond));

        // The customer renamed through the first instance: the list and the engagement page on the second show the new name.
        var edit = await onFirst.GetPageAsync($"/Customers/{customer}/Edit");
        var renamed = await onFirst.SubmitFormAsync(edit, $"/Customers/{customer}/Edit", [new("Data.Name", "Northwind Traders")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Northwind Traders", await ListAsync(onSecond));
        Assert.DoesNotContain("Contoso", await ListAsync(onSecond));
        Assert.Equal("Northwind Traders", (await onSecond.GetPageAsync($"/Engagements/{id}")).QuerySelector("h1 a")!.TextContent.Trim());
    }
}
