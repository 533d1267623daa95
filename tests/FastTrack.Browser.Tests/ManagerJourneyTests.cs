using System.Globalization;
using System.Text.RegularExpressions;
using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// A FastTrack manager's whole engagement, from the UI only: customer with a CSM, an engagement for Teams, OneDrive
/// for Business and SharePoint, the gates, usage below and above 10%, the success review. One segment (completing the
/// kickoff task) is done with the keyboard alone.
/// </summary>
public class ManagerJourneyTests
{
    private const string Manager = "frank@example.com";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_manager_runs_an_engagement_from_kickoff_to_a_closed_success_review()
    {
        await using var app = await BrowserApp.StartAsync();
        await app.App.CreateUserAsync(Manager, Roles.FastTrackManager);
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, Manager, AppFactory.Password);
        await BrowserApp.AssertAccessibleAsync(page);

        await CreateACustomerWithACsmAsync(page);
        var engagementUrl = await CreateAnEngagementAsync(page);
        await PassTheInitiateGateAsync(page);
        await PassTheAssessGateAsync(page);
        await SeeTheHandshakeRuleAndCompleteSupportAsync(page);
        await RecordUsageBelowThenAbove10PercentAsync(page, engagementUrl);
        await HoldTheSuccessReviewAsync(page);
        await SeeTheEngagementListAsync(page);

        app.AssertNoProblems();
    }

    private static async Task CreateACustomerWithACsmAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).First.ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GotoAsync("/Customers/New");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Contoso Pharma");
        await page.GetByLabel("Tenant domain").FillAsync("contosopharma.onmicrosoft.com");
        await page.GetByLabel("Industry").FillAsync("Healthcare");
        await page.GetByLabel("CSM name (if a Customer Success Manager is assigned)").FillAsync("Casey Morgan");
        await page.GetByLabel("CSM e-mail").FillAsync("casey@contoso.example");
        await page.GetByLabel("Teams", new() { Exact = true }).FillAsync("2000");
        await page.GetByLabel("OneDrive for Business", new() { Exact = true }).FillAsync("1500");
        await page.GetByLabel("SharePoint", new() { Exact = true }).FillAsync("1500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create customer" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contoso Pharma" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("csm")).ToContainTextAsync("Casey Morgan");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    private static async Task<string> CreateAnEngagementAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New engagement" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Customer")).ToHaveValueAsync(new Regex(@"^[1-9]\d*$"));
        await Assertions.Expect(page.GetByLabel("FastTrack manager")).Not.ToHaveValueAsync("");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Motion").SelectOptionAsync(new SelectOptionValue { Label = "Targeting" });
        foreach (var service in new[] { "Teams", "OneDrive for Business", "SharePoint" })
            await page.GetByLabel(service, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assigned").FillAsync(Iso(Today.AddDays(-10)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create engagement" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Engagements/\d+$"));
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("Conduct Customer Kickoff");
        await Assertions.Expect(Tasks(page)).ToHaveCountAsync(5);
        foreach (var ftop in new[] { 3616, 3979, 983, 994, 1904 })
            await Assertions.Expect(Task(page, ftop)).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>The refused move names 3616 and 994; 3616 is completed with the mouse, 994 with the keyboard alone.</summary>
    private static async Task PassTheInitiateGateAsync(IPage page)
    {
        await MoveAsync(page, "Conduct Customer Success Workshop");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync(
            "2 mandatory tasks block the move to Assess: 994 Conduct Initiate/Kickoff Meeting(s), 3616 Complete Initial customer outreach");
        await Assertions.Expect(page.GetByTestId("gate-blockers").Locator("li")).ToHaveTextAsync(["994 Conduct Initiate/Kickoff Meeting(s)", "3616 Complete Initial customer outreach"]);
        await BrowserApp.AssertAccessibleAsync(page);

        await CompleteAsync(page, 3616, "Called the CIO; kickoff booked");
        await CompleteWithTheKeyboardAsync(page, 994, "Kickoff held with IT and HR");

        await MoveAsync(page, "Conduct Customer Success Workshop");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The engagement moved to the next step.");
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("Conduct Customer Success Workshop");
    }

    private static async Task PassTheAssessGateAsync(IPage page)
    {
        await MoveAsync(page, "Support Success Execution");
        var errors = page.GetByTestId("form-errors");
        await Assertions.Expect(errors).ToContainTextAsync("3 mandatory tasks block the move to Success");
        foreach (var ftop in new[] { "2536", "3718", "3737" }) await Assertions.Expect(errors).ToContainTextAsync(ftop);
        foreach (var ftop in new[] { 2536, 3718, 3737 }) await CompleteAsync(page, ftop);
        await MoveAsync(page, "Support Success Execution");
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("Support Success Execution");
    }

    /// <summary>With a CSM and Teams in scope: handshake 3731 is on the checklist and two steps are not applicable for Teams.</summary>
    private static async Task SeeTheHandshakeRuleAndCompleteSupportAsync(IPage page)
    {
        await Assertions.Expect(Task(page, 3731)).ToContainTextAsync("Teams - Post Enablement Field Handshake");
        await Assertions.Expect(Task(page, 3732)).ToHaveCountAsync(0);
        var notApplicable = page.GetByTestId("step-na");
        await Assertions.Expect(notApplicable).ToHaveTextAsync(["Not applicable for Teams", "Not applicable for Teams"]);
        await Assertions.Expect(page.Locator("li.list-group-item", new() { Has = notApplicable })).ToContainTextAsync(
            ["Schedule Success Check-in Meetings", "Encourage Customer to Track Adoption Progress"]);
        await Assertions.Expect(page.GetByTestId("step").Filter(new() { Has = notApplicable }).First)
            .ToContainTextAsync("A CSM is assigned: the CSM handshake replaces this step for Teams.");

        await MoveAsync(page, "Conduct Success Review");
        var errors = page.GetByTestId("form-errors");
        await Assertions.Expect(errors).ToContainTextAsync("3740");
        await Assertions.Expect(errors).ToContainTextAsync("3741");
        foreach (var ftop in new[] { 3740, 3741, 3731 }) await CompleteAsync(page, ftop);
    }

    /// <summary>Below 10%: the gap shows and the move to the review is refused with it; above: the goal is met.</summary>
    private static async Task RecordUsageBelowThenAbove10PercentAsync(IPage page, string engagementUrl)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Record usage" }).ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await RecordAsync(page, "Teams", Today.AddDays(-6), 120);
        await RecordAsync(page, "OneDrive for Business", Today.AddDays(-6), 90);
        await RecordAsync(page, "SharePoint", Today.AddDays(-6), 200);

        await page.GotoAsync(engagementUrl);
        await Assertions.Expect(Chart(page, "Teams")).ToHaveCountAsync(1);
        var teamsPoints = await ChartPointsAsync(page, "Teams");
        Assert.Single(teamsPoints);
        Assert.True(teamsPoints[0].Y > await GoalLineYAsync(page), "6% is drawn below the 10% line");
        await Assertions.Expect(UsageRow(page, "Teams").GetByTestId("gap")).ToHaveTextAsync("80");
        await Assertions.Expect(UsageRow(page, "OneDrive for Business").GetByTestId("gap")).ToHaveTextAsync("60");
        await Assertions.Expect(UsageRow(page, "SharePoint").GetByTestId("gap")).ToHaveTextAsync("Goal met");
        await Assertions.Expect(page.GetByTestId("review-gaps")).ToContainTextAsync("Teams: 120 of 2,000 seats active, 80 more users needed");
        await MoveAsync(page, "Conduct Success Review");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("Teams 120/2000 (80 users short of 10%)");

        // The portfolio lists the services below the goal.
        await page.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("below-goal").GetByTestId("count")).ToHaveTextAsync("2");
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotInBothLanguagesAsync(page, "portfolio");
        await BrowserApp.AssertKeyboardReachableAsync(page);

        await page.GotoAsync(engagementUrl + "/Usage");
        await RecordAsync(page, "Teams", Today, 260);
        await RecordAsync(page, "OneDrive for Business", Today, 180);
        await Assertions.Expect(page.GetByTestId("usage-history").Locator("tbody tr")).ToHaveCountAsync(5);

        await page.GotoAsync(engagementUrl);
        teamsPoints = await ChartPointsAsync(page, "Teams");
        Assert.Equal(2, teamsPoints.Count);
        Assert.True(teamsPoints[1].Y < await GoalLineYAsync(page), "13% is drawn above the 10% line");
        await Assertions.Expect(UsageRow(page, "Teams").GetByTestId("gap")).ToHaveTextAsync("Goal met");
        await Assertions.Expect(UsageRow(page, "Teams").GetByTestId("enablement")).ToHaveTextAsync("Yes");
        await Assertions.Expect(UsageRow(page, "OneDrive for Business").GetByTestId("gap")).ToHaveTextAsync("Goal met");
        await Assertions.Expect(page.GetByTestId("review-gaps")).ToHaveCountAsync(0);
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotInBothLanguagesAsync(page, "engagement", fullPage: true);
        await BrowserApp.AssertKeyboardReachableAsync(page);

        // A link to a task of a folded phase opens that phase.
        var kickoffRow = await Task(page, 994).GetAttributeAsync("id");
        var initiate = page.Locator("[data-testid='checklist-phase'][data-phase='Initiate']");
        await Assertions.Expect(initiate).Not.ToHaveAttributeAsync("open", "");
        await page.GotoAsync(engagementUrl + "#" + kickoffRow);
        await Assertions.Expect(initiate).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(Task(page, 994)).ToBeVisibleAsync();

        // On a phone (375 px): nothing scrolls sideways; the step bar says which step of how many.
        await page.SetViewportSizeAsync(375, 800);
        await page.GotoAsync(engagementUrl);
        await Assertions.Expect(page.GetByTestId("step-count")).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var wider = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
            """);
        Assert.True(widths[0] <= widths[1], $"the page is {widths[0]} px wide in a {widths[1]} px window: {wider}");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1360, 900);

        await MoveAsync(page, "Conduct Success Review");
        await Assertions.Expect(page.GetByTestId("stepper").Locator("[aria-current='step']")).ToContainTextAsync("Conduct Success Review");
    }

    private static async Task HoldTheSuccessReviewAsync(IPage page)
    {
        await Assertions.Expect(Task(page, 3735)).ToContainTextAsync("Conduct Success Review Meeting");
        await BrowserApp.AssertAccessibleAsync(page);
        var review = page.Locator("#review-form");
        await review.GetByLabel("Hand ongoing adoption to the CSM").CheckAsync();
        await review.GetByLabel("Note (optional)").FillAsync("Casey takes over the adoption programme");
        await review.GetByRole(AriaRole.Button, new() { Name = "Complete the success review" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Hand ongoing adoption to the CSM");
        await Assertions.Expect(page.Locator("#move-form")).ToHaveCountAsync(0);
        await Assertions.Expect(Task(page, 3735).GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Success review completed");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    private static async Task SeeTheEngagementListAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Engagements" }).First.ClickAsync();
        var row = page.GetByTestId("engagement-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Contoso Pharma");
        await Assertions.Expect(row).ToContainTextAsync("Completed");
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.AssertKeyboardReachableAsync(page);
    }

    private static ILocator Tasks(IPage page) => page.GetByTestId("task");
    private static ILocator Task(IPage page, int ftop) => page.Locator($"[data-testid='task'][data-ftop='{ftop}']");
    private static ILocator UsageRow(IPage page, string service) => page.GetByTestId("usage-table").Locator($"tr[data-service='{service}']");
    private static ILocator Chart(IPage page, string service) => page.GetByTestId("au-chart").Locator($"polyline[data-service='{service}']");

    private static async Task<IReadOnlyList<(double X, double Y)>> ChartPointsAsync(IPage page, string service)
    {
        var points = await Chart(page, service).GetAttributeAsync("points") ?? "";
        return points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static async Task<double> GoalLineYAsync(IPage page) =>
        double.Parse((await page.GetByTestId("goal-line").GetAttributeAsync("y1"))!, CultureInfo.InvariantCulture);

    private static async Task MoveAsync(IPage page, string process)
    {
        await page.Locator("#move-form").GetByRole(AriaRole.Button, new() { Name = "Move to " + process }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>The row's Update link opens the task's one form in place (?edit={id}#task-{id}).</summary>
    internal static async Task OpenTaskFormAsync(IPage page, ILocator task, string update = "Update")
    {
        await task.GetByRole(AriaRole.Link, new() { Name = update }).ClickAsync();
        await Assertions.Expect(task.Locator("form[data-task-form]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form[data-task-form]")).ToHaveCountAsync(1);
    }

    private static async Task CompleteAsync(IPage page, int ftop, string note = "")
    {
        var task = Task(page, ftop);
        await OpenTaskFormAsync(page, task);
        await task.GetByLabel("Status").SelectOptionAsync("Completed");
        if (note.Length > 0) await task.GetByLabel("Completion note").FillAsync(note);
        await task.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(Task(page, ftop).GetByTestId("task-status")).ToHaveTextAsync("Completed");
    }

    /// <summary>
    /// Keyboard only: Tab reveals the skip link, Enter skips to the content, Tab walks to the task's Update link and Enter
    /// opens its form in place; Tab reaches the status, a typed letter chooses Completed, Tab moves to the note, Enter on
    /// the focused Update button submits. Every focused control shows a visible focus indicator.
    /// </summary>
    private static async Task CompleteWithTheKeyboardAsync(IPage page, int ftop, string note)
    {
        await page.GotoAsync(new Uri(page.Url).AbsolutePath); // opened afresh: no #task fragment moving the focus start
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await AssertFocusIndicatorAsync(page);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();

        var edit = Task(page, ftop).GetByRole(AriaRole.Link, new() { Name = "Update" });
        var taskId = await edit.GetAttributeAsync("data-task-edit");
        for (var i = 0; i < 80 && await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-task-edit')") != taskId; i++)
            await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(edit).ToBeFocusedAsync();
        await AssertFocusIndicatorAsync(page);
        await page.Keyboard.PressAsync("Enter"); // to ?edit={id}#task-{id}: the next Tab starts from the row
        var status = Task(page, ftop).GetByLabel("Status");
        await Assertions.Expect(status).ToBeVisibleAsync();
        for (var i = 0; i < 5 && !await status.EvaluateAsync<bool>("s => s === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(status).ToBeFocusedAsync();
        await AssertFocusIndicatorAsync(page);
        await page.Keyboard.PressAsync("c"); // "Completed", the only status starting with C
        await Assertions.Expect(status).ToHaveValueAsync("Completed");
        await page.Keyboard.PressAsync("Tab"); // reason
        await page.Keyboard.PressAsync("Tab"); // note
        await Assertions.Expect(Task(page, ftop).GetByLabel("Completion note")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(note);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Task(page, ftop).GetByRole(AriaRole.Button, new() { Name = "Update" })).ToBeFocusedAsync();
        await AssertFocusIndicatorAsync(page);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Task(page, ftop).GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(Task(page, ftop)).ToContainTextAsync(note);
    }

    private static async Task AssertFocusIndicatorAsync(IPage page)
    {
        var visible = await page.EvaluateAsync<bool>("""
            () => { const s = getComputedStyle(document.activeElement);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); }
            """);
        Assert.True(visible, "The focused control shows no focus indicator");
    }

    private static async Task RecordAsync(IPage page, string service, DateOnly on, int activeUsers)
    {
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(service);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(on));
        await page.GetByLabel("Active users", new() { Exact = true }).FillAsync(activeUsers.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("usage-history")).ToContainTextAsync(activeUsers.ToString("N0", CultureInfo.GetCultureInfo("en-US")));
    }
}
