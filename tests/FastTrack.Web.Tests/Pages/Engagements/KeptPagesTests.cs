using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Engagements;
using FastTrack.Web.Pages.Shared;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>
/// The engagement page's and the engagement list's content are rendered once per cached read and language and then
/// written from memory (KeptHtml, ADR 0012): each request still gets its own form token, a change shows at once, the
/// language is the caller's, and a refused form's messages are never kept.
/// </summary>
public sealed class KeptPagesTests : IDisposable
{
    private const string Field = "__RequestVerificationToken";
    private readonly string customer = $"Kept{Guid.NewGuid():N}"[..16];
    private readonly List<string> renders = [];

    public KeptPagesTests() => KeptHtml.Rendering += Watch;

    public void Dispose() => KeptHtml.Rendering -= Watch;

    // Other tests render these pages in parallel: count only this test's customer.
    private void Watch(object source)
    {
        var mine = source switch
        {
            GetEngagement.View view => view.Engagement.Customer.Name == customer,
            ListEngagements.Result list => list.Items.Count > 0 && list.Items.All(i => i.Customer.StartsWith(customer, StringComparison.Ordinal)),
            _ => false,
        };
        if (mine) lock (renders) renders.Add(System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    private int Renders { get { lock (renders) return renders.Count; } }

    [Fact]
    public async Task The_same_user_in_two_browsers_gets_the_kept_page_with_each_browsers_own_form_token()
    {
        using var app = new AppFactory();
        var email = $"fm-{Guid.NewGuid():N}@example.com";
        await app.CreateUserAsync(email, Roles.FastTrackManager);
        var first = await app.SignInAsync(email);
        var second = await app.SignInAsync(email);
        var id = await CreateEngagementAsync(first, await CreateCustomerAsync(first, customer, csm: false), "Targeting", DateOnly.FromDateTime(DateTime.UtcNow), ServiceNames.Teams);
        // With one task's form open (?edit): that view is kept too, under its own variant.
        var taskId = app.Scoped(db => db.EngagementTasks.Single(t => t.EngagementId == id && t.FtopId == 994).Id);
        var url = $"/Engagements/{id}?edit={taskId}";

        var firstPage = await first.GetPageAsync(url);
        var again = await first.GetPageAsync(url);
        var secondPage = await second.GetPageAsync(url);
        Assert.Equal(1, Renders); // rendered once, then written from memory twice

        var firstToken = OneTokenInEveryForm(firstPage);
        var secondToken = OneTokenInEveryForm(secondPage);
        Assert.Equal(firstToken, OneTokenInEveryForm(again));
        Assert.NotEqual(firstToken, secondToken);
        // (The first view also shows the "created" message of the redirect that led to it.)
        Assert.Equal(again.QuerySelector("main")!.InnerHtml.Replace(firstToken, ""), secondPage.QuerySelector("main")!.InnerHtml.Replace(secondToken, ""));

        // The second browser's token, from the kept page, is the one its posts need.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(secondPage, $"/Engagements/{id}?handler=Task",
            [new("Data.Status", "InProgress")], $"form[data-task-form='{taskId}']")).StatusCode);
    }

    [Fact]
    public async Task A_change_shows_at_once_and_each_language_is_rendered_in_its_own_words()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        // A new user changes the directory, which every cached view depends on: both users exist before the first view.
        var ja = await app.SignedInAsync(Roles.FastTrackManager);
        ja.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, customer, csm: false), "Targeting", DateOnly.FromDateTime(DateTime.UtcNow), ServiceNames.Teams);
        var url = $"/Engagements/{id}";

        Assert.Equal("Not started", Status(await fm.GetPageAsync(url), 994));
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 994, "Completed")).StatusCode);
        Assert.Equal("Completed", Status(await fm.GetPageAsync(url), 994));
        var englishRenders = Renders;

        Assert.Equal("チェックリスト", (await ja.GetPageAsync(url)).QuerySelector("#checklist-h")!.TextContent.Trim());
        fm.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        Assert.Equal("チェックリスト", (await fm.GetPageAsync(url)).QuerySelector("#checklist-h")!.TextContent.Trim());
        fm.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal("Checklist", (await fm.GetPageAsync(url)).QuerySelector("#checklist-h")!.TextContent.Trim());
        Assert.Equal(englishRenders + 2, Renders); // each user's Japanese page once; English was kept
    }

    [Fact]
    public async Task A_refused_form_shows_its_messages_on_that_response_only()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, customer, csm: false), "Targeting", DateOnly.FromDateTime(DateTime.UtcNow), ServiceNames.Teams);
        var url = $"/Engagements/{id}";
        await fm.GetPageAsync(url);
        await fm.GetPageAsync($"{url}?edit={app.Scoped(db => db.EngagementTasks.Single(t => t.EngagementId == id && t.FtopId == 994).Id)}"); // the form opened in place
        var kept = Renders;

        var refused = await SetTaskAsync(fm, id, 994, "Blocked"); // a blocked task needs its reason
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the reason", (await refused.HtmlAsync()).QuerySelector("[data-testid='form-errors']")!.TextContent);
        Assert.Equal(kept + 1, Renders);

        var after = await fm.GetPageAsync(url);
        Assert.Null(after.QuerySelector("[data-testid='form-errors']"));
        Assert.Equal(kept + 1, Renders); // the page kept before the refusal
        OneTokenInEveryForm(after);
    }

    [Fact]
    public async Task The_list_is_kept_per_filter_and_language_and_shows_a_new_engagement_at_once()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, customer + "a", csm: false), "Targeting", today, ServiceNames.Teams);
        var url = "/Engagements?Sort=customer";

        Assert.Single((await fm.GetPageAsync(url)).QuerySelectorAll("[data-testid='engagement-row']"));
        var again = await fm.GetPageAsync(url);
        Assert.Contains(customer, Assert.Single(again.QuerySelectorAll("[data-testid='engagement-row']")).TextContent);
        Assert.Equal(1, Renders);

        // A search by name is free text: never cached, so never kept (issue 22: distinct searches grew memory without bound).
        var search = $"/Engagements?Search={customer}";
        Assert.Equal(customer, (await fm.GetPageAsync(search)).QuerySelector("#f-search")!.GetAttribute("value"));
        Assert.Single((await fm.GetPageAsync(search)).QuerySelectorAll("[data-testid='engagement-row']"));
        Assert.Equal(3, Renders);

        fm.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        Assert.Contains("件", (await fm.GetPageAsync(url)).QuerySelector("[data-testid='engagement-count']")!.TextContent);
        fm.DefaultRequestHeaders.AcceptLanguage.Clear();
        Assert.Equal(4, Renders);

        await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, customer + "b", csm: false), "Targeting", today, ServiceNames.Teams);
        var after = await fm.GetPageAsync(url);
        Assert.Equal(2, after.QuerySelectorAll("[data-testid='engagement-row']").Length);
        Assert.Equal(5, Renders);
    }

    private static string Status(IHtmlDocument page, int ftop) =>
        page.QuerySelector($"[data-testid='task'][data-ftop='{ftop}'] [data-testid='task-status']")!.TextContent.Trim();

    /// <summary>Every post form of the page carries exactly one form token, the same in all of them.</summary>
    private static string OneTokenInEveryForm(IHtmlDocument page)
    {
        var forms = page.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(forms.Count > 5, $"{forms.Count} forms");
        var tokens = forms.Select(f => Assert.Single(f.QuerySelectorAll($"input[name='{Field}']")).GetAttribute("value")).Distinct().ToList();
        return Assert.Single(tokens)!;
    }
}
