using System.Net.Http.Headers;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

public class CatalogueCultureTests(CatalogueAppFixture fixture) : IClassFixture<CatalogueAppFixture>
{
    private readonly AppFactory _app = fixture.App;

    private async Task<HttpClient> ManagerIn(string language)
    {
        var fm = await _app.SignedInAsync(Roles.FastTrackManager);
        fm.DefaultRequestHeaders.AcceptLanguage.Clear();
        fm.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return fm;
    }

    [Fact]
    public async Task In_Japanese_the_page_and_the_catalogue_names_are_Japanese()
    {
        var fm = await ManagerIn("ja");
        var page = await fm.GetPageAsync("/Catalogue");
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("タスク カタログ", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("フェーズ", page.QuerySelector("label[for=f-phase]")!.TextContent.Trim());
        Assert.Equal("開始/キックオフ ミーティングを実施する",
            page.QuerySelector("[data-testid=tree-task][data-ftop-id='994'] [data-testid=task-name]")!.TextContent.Trim());
        Assert.Equal("開始", page.QuerySelector(".tree h2")!.TextContent.Trim());
        Assert.Contains("ガイダンス ステップ", page.QuerySelector("[data-testid=guidance-step]")!.TextContent);

        var table = await fm.GetPageAsync("/Catalogue?view=table");
        Assert.Equal("表", table.QuerySelector("[data-testid=view-table]")!.TextContent.Trim());
    }

    [Fact]
    public async Task In_Chinese_names_are_Chinese_and_fall_back_to_English()
    {
        var fm = await ManagerIn("zh-Hans");
        var page = await fm.GetPageAsync("/Catalogue?view=table");
        Assert.Equal("zh-Hans", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("任务目录", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Teams - 启用后现场交接",
            page.QuerySelector("[data-testid=task-row][data-ftop-id='3731'] [data-testid=task-name]")!.TextContent.Trim());
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)",
            page.QuerySelector("[data-testid=task-row][data-ftop-id='994'] [data-testid=task-name]")!.TextContent.Trim());
        Assert.Contains("20 个任务中的 20 个", page.QuerySelector("[data-testid=counts]")!.TextContent);

        var task = await fm.GetPageAsync("/Catalogue/Tasks/3731");
        Assert.Equal("Teams - 启用后现场交接", task.QuerySelector("[data-testid=task-title]")!.TextContent.Trim());
        Assert.Contains("历史记录", task.QuerySelector("#history-heading")!.TextContent);
    }

    [Fact]
    public async Task The_language_cookie_wins_over_the_browser_language()
    {
        var fm = await ManagerIn("en");
        var switched = await fm.PostFormAsync("/Culture", new() { ["culture"] = "ja", ["returnUrl"] = "/Catalogue" },
            pageUrl: "/Catalogue", formSelector: "#culture-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, switched.StatusCode);
        var page = await fm.GetPageAsync("/Catalogue/Tasks/994");
        Assert.Equal("開始/キックオフ ミーティングを実施する", page.QuerySelector("[data-testid=task-title]")!.TextContent.Trim());
        Assert.Equal("タスク カタログ", page.QuerySelector(".breadcrumb a")!.TextContent.Trim());
    }

    [Fact]
    public async Task Messages_of_the_use_cases_are_translated()
    {
        var admin = await _app.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ja"));
        var response = await admin.PostFormAsync("/Catalogue/Tasks/994/Edit", new() { ["Data.NameEn"] = "" });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Equal("英語の名前を入力してください。", page.QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent.Trim());
        Assert.Equal("名前 (英語)", page.QuerySelector("label[for=Data_NameEn]")!.TextContent.Trim());
    }
}
