using FastTrack.Domain.Catalogue;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Engagements;

public class EngagementLanguageTests
{
    [Theory]
    [InlineData("ja", "2 件の必須タスクが 調査 への移行を妨げています", "開始/キックオフ ミーティングを実施する", "チェックリスト", "10% 目標")]
    [InlineData("zh-Hans", "2 项强制任务阻止进入 评估", "Conduct Initiate/Kickoff Meeting(s)", "清单", "10% 目标")]
    public async Task The_engagement_page_and_the_gate_refusal_speak_the_users_language(string culture, string refusal, string taskName, string heading, string goal)
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting", DateOnly.FromDateTime(DateTime.UtcNow), ServiceNames.Teams);
        fm.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal(heading, page.QuerySelector("#checklist-h")!.TextContent.Trim());
        // The usage chart is written in code (UsageChart), with the shared translations.
        var chart = page.QuerySelector("[data-testid='au-chart']")!;
        Assert.Contains(goal, chart.QuerySelectorAll("text").Select(t => t.TextContent));
        Assert.NotEqual("Active usage over time per service", chart.QuerySelector("title")!.TextContent);
        var refused = await MoveAsync(fm, id);
        var errors = (await refused.HtmlAsync()).QuerySelector("[data-testid='form-errors']")!.TextContent;
        Assert.Contains(refusal, errors);
        Assert.Contains(taskName, errors);
    }
}
