using System.Globalization;
using System.Text.RegularExpressions;
using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// A manager who starts in English switches to Japanese, then to Chinese, in the middle of the work, through the
/// language menu: the interface, the refusals and the task names follow; a task without a Chinese name shows its
/// English one.
/// </summary>
public class LanguageJourneyTests
{
    private const string Manager = "mei@example.com";

    [Fact]
    public async Task A_manager_switches_to_Japanese_then_Chinese_mid_journey_and_the_ui_and_task_names_follow()
    {
        await using var app = await BrowserApp.StartAsync();
        await app.App.CreateUserAsync(Manager, Roles.FastTrackManager);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, Manager, AppFactory.Password);

        // English: a customer with a CSM and a Teams engagement.
        await page.GotoAsync("/Customers/New");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Fabrikam Japan");
        await page.GetByLabel("Tenant domain").FillAsync("fabrikamjp.onmicrosoft.com");
        await page.GetByLabel("CSM name (if a Customer Success Manager is assigned)").FillAsync("Kenji Sato");
        await page.GetByLabel("Teams", new() { Exact = true }).FillAsync("800");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create customer" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New engagement" }).ClickAsync();
        await page.GetByLabel("Teams", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assigned").FillAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create engagement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Engagements/\d+$"));
        await Assertions.Expect(page.Locator("#checklist-h")).ToHaveTextAsync("Checklist");
        await Assertions.Expect(TaskName(page, 994)).ToContainTextAsync("Conduct Initiate/Kickoff Meeting(s)");

        // Japanese, mid-journey: the page, the task names and the gate's refusal.
        await BrowserApp.SwitchLanguageAsync(page, "ja");
        await Assertions.Expect(page.Locator("#checklist-h")).ToHaveTextAsync("チェックリスト");
        await Assertions.Expect(page.Locator("nav.navbar").GetByRole(AriaRole.Link, new() { Name = "エンゲージメント", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(TaskName(page, 994)).ToContainTextAsync("開始/キックオフ ミーティングを実施する");
        await Assertions.Expect(TaskName(page, 3616)).ToContainTextAsync("最初のお客様へのアウトリーチの完了");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.Locator("#move-form button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("2 件の必須タスクが 調査 への移行を妨げています");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("開始/キックオフ ミーティングを実施する");

        // Still in Japanese: complete the kickoff ("完了"), then override both gates with a written reason.
        var kickoff = page.Locator("[data-testid='task'][data-ftop='994']");
        await ManagerJourneyTests.OpenTaskFormAsync(page, kickoff, "更新");
        await kickoff.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "完了" });
        await kickoff.GetByRole(AriaRole.Button, new() { Name = "更新" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='task'][data-ftop='994'] [data-testid='task-status']")).ToHaveTextAsync("完了");
        await OverrideAsync(page, "お客様の依頼により先に進む");
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("調査");
        await OverrideAsync(page, "ワークショップは来週");
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("成功");
        await Assertions.Expect(TaskName(page, 3731)).ToContainTextAsync("有効化後フィールド ハンドシェイク");

        // Chinese: the handshake task has a Chinese name; the kickoff task has none and shows its English name.
        await BrowserApp.SwitchLanguageAsync(page, "zh-Hans");
        await Assertions.Expect(page.Locator("#checklist-h")).ToHaveTextAsync("清单");
        await Assertions.Expect(page.Locator("nav.navbar").GetByRole(AriaRole.Link, new() { Name = "项目", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(TaskName(page, 3731)).ToContainTextAsync("Teams - 启用后现场交接");
        await Assertions.Expect(TaskName(page, 994)).ToContainTextAsync("Conduct Initiate/Kickoff Meeting(s)");
        await Assertions.Expect(page.Locator("[data-testid='task'][data-ftop='994'] [data-testid='task-status']")).ToHaveTextAsync("已完成");
        await BrowserApp.AssertAccessibleAsync(page);

        // The catalogue follows too, in the same session.
        await page.Locator("nav.navbar").GetByRole(AriaRole.Link, new() { Name = "目录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='3740'] [data-testid='task-name']")).ToHaveTextAsync("OneDrive - 介绍 OneDrive 应用计划");
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='994'] [data-testid='task-name']")).ToHaveTextAsync("Conduct Initiate/Kickoff Meeting(s)");
        await BrowserApp.AssertAccessibleAsync(page);

        // And back to English.
        await BrowserApp.SwitchLanguageAsync(page, "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Task catalogue" })).ToBeVisibleAsync();

        app.AssertNoProblems();
    }

    private static ILocator TaskName(IPage page, int ftop) => page.Locator($"[data-testid='task'][data-ftop='{ftop}'] > div").First;

    private static async Task OverrideAsync(IPage page, string reason)
    {
        var details = page.Locator("details", new() { Has = page.Locator("#override-form") });
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").ClickAsync();
        await page.Locator("#override-reason").FillAsync(reason);
        await page.Locator("#override-form").GetByRole(AriaRole.Button, new() { Name = "オーバーライドして進む" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }
}
