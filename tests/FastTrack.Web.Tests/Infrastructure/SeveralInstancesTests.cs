using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// Several app instances on one database (PostgreSQL under eng/test.sh, a shared SQLite file otherwise):
/// the Data Protection key ring lives in the database, so cookies and antiforgery tokens issued by one
/// instance work on another and survive restarts.
/// </summary>
public class SeveralInstancesTests
{
    private static HttpClient Client(AppFactory instance, CookieContainer cookies) =>
        instance.CreateDefaultClient(new Uri("http://localhost"), new RedirectHandler(0), new CookieContainerHandler(cookies));

    private static async Task SignIn(HttpClient client, string email)
    {
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_session_and_a_form_token_from_one_instance_work_on_another()
    {
        using var database = new AppDatabase();
        using var first = new AppFactory(sharedDatabase: database);
        using var second = new AppFactory(sharedDatabase: database);
        await first.CreateUserAsync("admin@example.com", Roles.Admin);
        var userId = await first.CreateUserAsync("sam@example.com", Roles.Partner);
        var cookies = new CookieContainer();
        var onFirst = Client(first, cookies);
        var onSecond = Client(second, cookies);

        await SignIn(onFirst, "admin@example.com");
        var page = await onSecond.GetPageAsync("/Admin/Users");
        Assert.Equal("admin@example.com", page.QuerySelector("[data-testid=current-user]")!.TextContent);

        // The form (and its antiforgery token) comes from the first instance, the post goes to the second.
        var form = await onFirst.GetPageAsync($"/Admin/Users/{userId}/Edit");
        var fields = form.QuerySelectorAll("form[method=post] input[type=hidden], form[method=post] input[name='Data.DisplayName']")
            .Where(i => i.GetAttribute("name") is not null && i.Closest("form")!.GetAttribute("id") != "culture-form")
            .GroupBy(i => i.GetAttribute("name")!).ToDictionary(g => g.Key, g => g.Last().GetAttribute("value") ?? "");
        fields["Data.DisplayName"] = "Sam Renamed";
        fields["Data.Roles"] = Roles.Partner;
        fields["Data.PartnerOrganisationId"] = (await first.OrganisationAsync(AppFactory.DefaultPartnerOrganisation)).ToString();
        var posted = await onSecond.PostAsync($"/Admin/Users/{userId}/Edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Sam Renamed", second.Scoped(db => db.Users.Single(u => u.Id == userId).DisplayName));
    }

    [Fact]
    public async Task Keys_survive_a_restart_of_every_instance()
    {
        using var database = new AppDatabase();
        var cookies = new CookieContainer();
        using (var first = new AppFactory(sharedDatabase: database))
        using (var second = new AppFactory(sharedDatabase: database))
        {
            await first.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
            await SignIn(Client(first, cookies), "fm@example.com");
            Assert.Equal(HttpStatusCode.OK, (await Client(second, cookies).GetAsync("/")).StatusCode);
            Assert.Equal(1, first.Scoped(db => db.DataProtectionKeys.Count()));
        }

        using var restarted = new AppFactory(sharedDatabase: database);
        var page = await Client(restarted, cookies).GetPageAsync("/");
        Assert.Equal("fm@example.com", page.QuerySelector("[data-testid=current-user]")!.TextContent);
        Assert.Equal(1, restarted.Scoped(db => db.DataProtectionKeys.Count()));
    }

    [Fact]
    public async Task A_cookie_from_another_key_ring_is_not_accepted()
    {
        using var ownDatabase = new AppFactory();
        using var otherDatabase = new AppFactory();
        await ownDatabase.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        await otherDatabase.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var cookies = new CookieContainer();
        await SignIn(Client(ownDatabase, cookies), "fm@example.com");
        var response = await Client(otherDatabase, cookies).GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_same_task_changed_through_two_instances_at_once_one_wins_the_other_is_told()
    {
        using var database = new AppDatabase();
        using var first = new AppFactory(sharedDatabase: database);
        using var second = new AppFactory(sharedDatabase: database);
        await first.CreateUserAsync("ana@example.com", Roles.Admin);
        await first.CreateUserAsync("ben@example.com", Roles.Admin);
        var ana = Client(first, new CookieContainer());
        var ben = Client(second, new CookieContainer());
        await SignIn(ana, "ana@example.com");
        await SignIn(ben, "ben@example.com");

        // Both open the edit form of task 994 (same version), each on its own instance, and save at once.
        var anaForm = await ana.GetPageAsync("/Catalogue/Tasks/994/Edit");
        var benForm = await ben.GetPageAsync("/Catalogue/Tasks/994/Edit");
        var results = await Task.WhenAll(
            ana.SubmitFormAsync(anaForm, "/Catalogue/Tasks/994/Edit", [new("Data.NameEn", "Kickoff by Ana")]),
            ben.SubmitFormAsync(benForm, "/Catalogue/Tasks/994/Edit", [new("Data.NameEn", "Kickoff by Ben")]));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        var page = await refused.HtmlAsync();
        Assert.Contains("Someone else changed this task", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        var saved = first.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 994));
        Assert.Contains(saved.NameEn, new[] { "Kickoff by Ana", "Kickoff by Ben" });
        Assert.Equal(1, first.Scoped(db => db.AuditEntries.Count(a => a.EntityType == "CatalogueTask" && a.EntityId == "994")));
        // The refused admin's words are still in their form.
        var refusedName = page.QuerySelector("input[name='Data.NameEn']")!.GetAttribute("value");
        Assert.NotEqual(saved.NameEn, refusedName);
    }
}
