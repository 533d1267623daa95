using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>Browsing only reads, so the tests of this class share one app over the seeded catalogue.</summary>
public sealed class CatalogueAppFixture : IDisposable
{
    public AppFactory App { get; } = new();

    public void Dispose() => App.Dispose();
}

public class CatalogueBrowseTests(CatalogueAppFixture fixture) : IClassFixture<CatalogueAppFixture>
{
    private readonly AppFactory _app = fixture.App;

    private static int[] TreeIds(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=tree-task]").Select(e => int.Parse(e.GetAttribute("data-ftop-id")!)).ToArray();

    private static int[] TableIds(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=task-row]").Select(e => int.Parse(e.GetAttribute("data-ftop-id")!)).ToArray();

    [Fact]
    public async Task The_tree_shows_the_20_seeded_tasks_by_phase_with_guidance_steps()
    {
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        var page = await fm.GetPageAsync("/Catalogue");

        Assert.Equal(20, TreeIds(page).Length);
        Assert.Equal(new[] { "Initiate", "Assess", "Success" }, page.QuerySelectorAll(".tree h2").Select(h => h.TextContent.Trim()).ToArray());
        Assert.Equal(22, page.QuerySelectorAll("[data-testid=tree-section]").Length);
        Assert.Contains(page.QuerySelectorAll("[data-testid=tree-section]"),
            s => s.TextContent.Contains("Confirm DIBS (Kickoff Meeting)") && s.QuerySelector("[data-testid=guidance-step]") is not null);
        Assert.Contains("20 of 20 tasks", page.QuerySelector("[data-testid=counts]")!.TextContent);
        var kickoff = page.QuerySelector("[data-testid=tree-task][data-ftop-id='994']")!;
        Assert.Contains("Conduct Initiate/Kickoff Meeting(s)", kickoff.TextContent);
        Assert.Contains("M", kickoff.QuerySelector(".badge-m")!.TextContent);
        Assert.Contains("All Services", kickoff.TextContent);
        Assert.Equal("page", page.QuerySelector("[data-testid=view-tree]")!.GetAttribute("aria-current"));
        Assert.Null(page.QuerySelector("[data-testid=add-task]"));
        Assert.Null(page.QuerySelector("[data-testid=export]"));
    }

    [Fact]
    public async Task The_table_lists_the_same_tasks_and_sorts_by_id()
    {
        var partner = await _app.SignedInAsync(Roles.Partner);
        var page = await partner.GetPageAsync("/Catalogue?view=table");
        Assert.Equal(20, TableIds(page).Length);
        Assert.Equal("page", page.QuerySelector("[data-testid=view-table]")!.GetAttribute("aria-current"));
        var row = page.QuerySelector("[data-testid=task-row][data-ftop-id='1904']")!;
        Assert.Contains("Exchange", row.TextContent);
        Assert.Contains("SharePoint", row.TextContent);
        Assert.NotNull(row.QuerySelector("th[scope=row]"));

        var sorted = await partner.GetPageAsync("/Catalogue?view=table&sort=id");
        var ids = TableIds(sorted);
        Assert.Equal(ids.Order().ToArray(), ids);
        Assert.Equal("ascending", sorted.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Filters_narrow_the_rows()
    {
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        var assess = _app.Scoped(db => db.Phases.Single(p => p.NameEn == "Assess").Id);

        Assert.Equal(new[] { 2536, 3278, 3718, 3734, 3737, 3738 },
            TableIds(await fm.GetPageAsync($"/Catalogue?view=table&sort=id&PhaseId={assess}")));
        var assessTree = await fm.GetPageAsync($"/Catalogue?PhaseId={assess}");
        Assert.Equal(new[] { "Assess" }, assessTree.QuerySelectorAll(".tree h2").Select(h => h.TextContent.Trim()).ToArray());

        Assert.Equal(new[] { 994, 983, 2536, 3616, 3731, 3735, 3979 }.Order().ToArray(),
            TableIds(await fm.GetPageAsync("/Catalogue?view=table&sort=id&Service=Teams")));
        Assert.All(TableIds(await fm.GetPageAsync("/Catalogue?view=table&Required=O")),
            id => Assert.Contains(id, new[] { 3979, 983, 1903, 1904, 3731, 3732, 3733, 3743, 3650 }));
        Assert.Equal(11, TableIds(await fm.GetPageAsync("/Catalogue?view=table&Required=M")).Length);

        var none = await fm.GetPageAsync("/Catalogue?Role=Customer");
        Assert.Empty(TreeIds(none));
        Assert.NotNull(none.QuerySelector("[data-testid=empty-state]"));
        Assert.Equal("Customer", none.QuerySelector("#f-role option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Search_finds_a_task_by_id_or_by_its_name_in_any_language()
    {
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        Assert.Equal(new[] { 994 }, TableIds(await fm.GetPageAsync("/Catalogue?view=table&Search=994")));
        Assert.Equal(new[] { 994 }, TreeIds(await fm.GetPageAsync("/Catalogue?Search=994")));
        Assert.Equal(new[] { 3731, 3732, 3733 },
            TableIds(await fm.GetPageAsync("/Catalogue?view=table&sort=id&Search=field%20handshake")));
        Assert.Equal(new[] { 2536, 3737, 3741 },
            TableIds(await fm.GetPageAsync("/Catalogue?view=table&sort=id&Search=" + Uri.EscapeDataString("ワークショップ"))));
        Assert.Equal(new[] { 3740, 3741, 3743 },
            TableIds(await fm.GetPageAsync("/Catalogue?view=table&sort=id&Search=" + Uri.EscapeDataString("应用"))));
        var nothing = await fm.GetPageAsync("/Catalogue?Search=no%20such%20task");
        Assert.NotNull(nothing.QuerySelector("[data-testid=empty-state]"));
        Assert.Equal("no such task", nothing.QuerySelector("#f-search")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Admins_get_add_import_and_export_links_carrying_the_filter()
    {
        var admin = await _app.AdminAsync();
        var page = await admin.GetPageAsync("/Catalogue?view=table&Search=994&Required=M");
        Assert.Equal("/Catalogue/Tasks/New", page.QuerySelector("[data-testid=add-task]")!.GetAttribute("href"));
        Assert.Equal("/Catalogue/Import", page.QuerySelector("[data-testid=import]")!.GetAttribute("href"));
        Assert.Equal("/Catalogue/Export?Search=994&Required=M", page.QuerySelector("[data-testid=export]")!.GetAttribute("href"));
        var tree = await admin.GetPageAsync("/Catalogue");
        Assert.NotEmpty(tree.QuerySelectorAll("a[href$='/Edit'][href^='/Catalogue/Sections/']"));
        Assert.NotEmpty(tree.QuerySelectorAll("a[href$='/Edit'][href^='/Catalogue/Processes/']"));
    }

    [Fact]
    public async Task The_task_page_shows_everything_about_the_task()
    {
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        var page = await fm.GetPageAsync("/Catalogue/Tasks/3731");
        Assert.Equal("Teams - Post Enablement Field Handshake", page.QuerySelector("[data-testid=name-en]")!.TextContent);
        Assert.Equal("有効化後フィールド ハンドシェイク", page.QuerySelector("[data-testid=name-ja]")!.TextContent);
        Assert.Equal("Teams - 启用后现场交接", page.QuerySelector("[data-testid=name-zh]")!.TextContent);
        var facts = page.QuerySelector("[data-testid=task-facts]")!.TextContent;
        Assert.Contains("Support Success Execution", facts);
        Assert.Contains("CSM Handshake for Modern Comms", facts);
        Assert.Contains("Teams", facts);
        Assert.Contains("Optional", facts);
        Assert.Null(page.QuerySelector("[data-testid=edit-task]"));
        Assert.Null(page.QuerySelector("[data-testid=retire-form]"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fm.GetAsync("/Catalogue/Tasks/123456")).StatusCode);
    }
}
