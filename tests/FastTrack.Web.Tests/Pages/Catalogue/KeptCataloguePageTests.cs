using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;
using FastTrack.Web.Pages.Shared;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>One app whose task 983 carries a name no other test's app has, so that these tests count only their own renderings.</summary>
public sealed class KeptCatalogueApp : IDisposable
{
    public AppFactory App { get; } = new();

    public string Prefix { get; } = $"Kept{Guid.NewGuid():N}"[..16];

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The catalogue page's content is rendered once per cached result (one filter), rights, view, order and language and
/// then written from memory (KeptHtml, ADR 0012): a change to a task shows on the next view, an admin and a manager each
/// get their own rights' version, each language its own words, a search is rendered every time, and links come from the
/// filter, not the request's query string.
/// </summary>
public sealed class KeptCataloguePageTests : IClassFixture<KeptCatalogueApp>, IDisposable
{
    private readonly AppFactory _app;
    private readonly string _prefix;
    private readonly List<string> _renders = [];

    public KeptCataloguePageTests(KeptCatalogueApp fixture)
    {
        _app = fixture.App;
        _prefix = fixture.Prefix;
        KeptHtml.Rendering += Watch;
    }

    public void Dispose() => KeptHtml.Rendering -= Watch;

    // Other tests render pages in parallel: count only the results of this app (task 983 renamed with the prefix).
    private void Watch(object source)
    {
        if (source is BrowseCatalogue.Result result && result.Tasks.Any(t => t.FtopId == 983 && t.Name.En.StartsWith(_prefix, StringComparison.Ordinal)))
            lock (_renders) _renders.Add(System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    private int Renders { get { lock (_renders) return _renders.Count; } }

    /// <summary>Renames task 983 through the edit page: a catalogue change, so nothing kept before it is used after it.</summary>
    private async Task<string> RenameAsync(HttpClient admin, string suffix)
    {
        var name = $"{_prefix} {suffix}";
        var saved = await admin.PostFormAsync("/Catalogue/Tasks/983/Edit", [new("Data.NameEn", name)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return name;
    }

    private static string? Name(IHtmlDocument page, int ftop) =>
        page.QuerySelector($"[data-ftop-id='{ftop}'] [data-testid=task-name]")?.TextContent.Trim();

    [Fact]
    public async Task A_view_is_rendered_once_and_a_changed_task_shows_on_the_next_view()
    {
        var admin = await _app.AdminAsync();
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        var first = await RenameAsync(admin, "first");
        var before = Renders;

        Assert.Equal(first, Name(await fm.GetPageAsync("/Catalogue"), 983));
        Assert.Equal(first, Name(await fm.GetPageAsync("/Catalogue"), 983));
        Assert.Equal(first, Name(await fm.GetPageAsync("/Catalogue?view=table"), 983));
        var table = await fm.GetPageAsync("/Catalogue?view=table");
        Assert.Equal(before + 2, Renders); // the tree and the table once each, then written from memory

        var second = await RenameAsync(admin, "second");
        Assert.Equal(second, Name(await fm.GetPageAsync("/Catalogue"), 983));
        Assert.Equal(second, Name(await fm.GetPageAsync("/Catalogue?view=table"), 983));
        Assert.Equal(before + 4, Renders);
        Assert.Equal(first, Name(table, 983));
    }

    [Fact]
    public async Task An_admin_and_a_manager_each_get_their_own_rights_version()
    {
        var admin = await _app.AdminAsync();
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        await RenameAsync(admin, "rights");
        var before = Renders;
        const string sectionEdit = "a[href$='/Edit'][href^='/Catalogue/Sections/']";

        for (var i = 0; i < 2; i++)
        {
            var managers = await fm.GetPageAsync("/Catalogue");
            Assert.Empty(managers.QuerySelectorAll(sectionEdit));
            Assert.Null(managers.QuerySelector("[data-testid=export]"));
            var admins = await admin.GetPageAsync("/Catalogue");
            Assert.NotEmpty(admins.QuerySelectorAll(sectionEdit));
            Assert.Equal("/Catalogue/Export", admins.QuerySelector("[data-testid=export]")!.GetAttribute("href"));
        }
        Assert.Equal(before + 2, Renders);
    }

    [Fact]
    public async Task Japanese_and_English_are_kept_apart()
    {
        var admin = await _app.AdminAsync();
        var en = await _app.SignedInAsync(Roles.FastTrackManager);
        var ja = await _app.SignedInAsync(Roles.FastTrackManager);
        ja.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ja"));
        await RenameAsync(admin, "languages");
        var before = Renders;

        for (var i = 0; i < 2; i++)
        {
            var english = await en.GetPageAsync("/Catalogue");
            Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", Name(english, 994));
            Assert.Equal("Phase", english.QuerySelector("label[for=f-phase]")!.TextContent.Trim());
            var japanese = await ja.GetPageAsync("/Catalogue");
            Assert.Equal("開始/キックオフ ミーティングを実施する", Name(japanese, 994));
            Assert.Equal("フェーズ", japanese.QuerySelector("label[for=f-phase]")!.TextContent.Trim());
        }
        Assert.Equal(["en", "ja"], _renders[before..]);
    }

    [Fact]
    public async Task A_search_is_rendered_every_time_and_never_kept()
    {
        var admin = await _app.AdminAsync();
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        var name = await RenameAsync(admin, "search");
        var before = Renders;

        for (var i = 0; i < 3; i++)
            Assert.Equal(name, Name(await fm.GetPageAsync("/Catalogue?Search=983"), 983));
        Assert.Equal(before + 3, Renders);
    }

    [Fact]
    public async Task Links_come_from_the_filter_so_other_spellings_of_it_share_one_kept_page()
    {
        var admin = await _app.AdminAsync();
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        await RenameAsync(admin, "links");
        var initiate = _app.Scoped(db => db.Phases.Single(p => p.NameEn == "Initiate").Id);
        var before = Renders;

        var plain = await fm.GetPageAsync($"/Catalogue?PhaseId={initiate}&sort=id");
        var odd = await fm.GetPageAsync($"/Catalogue?phaseid=0{initiate}&Retired=false&junk=1&SORT=id");
        Assert.Equal(before + 1, Renders);
        foreach (var page in new[] { plain, odd })
        {
            Assert.Equal($"/Catalogue?PhaseId={initiate}&view=table&sort=id", page.QuerySelector("[data-testid=view-table]")!.GetAttribute("href"));
            Assert.Equal($"/Catalogue?PhaseId={initiate}&sort=id", page.QuerySelector("[data-testid=view-tree]")!.GetAttribute("href"));
            Assert.Equal(initiate.ToString(), page.QuerySelector("#f-phase option[selected]")!.GetAttribute("value"));
        }

        // Both states (Retired= empty) stay in the links; the table's sort links keep the filter.
        var both = await fm.GetPageAsync($"/Catalogue?Retired=&view=table");
        Assert.Equal("/Catalogue?Retired=&view=table&sort=id", both.QuerySelector("th a[href*='sort=id']")!.GetAttribute("href"));
        Assert.Equal("/Catalogue?Retired=", both.QuerySelector("[data-testid=view-tree]")!.GetAttribute("href"));
    }
}
