using System.Globalization;
using System.Text.RegularExpressions;
using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// An engagement takes the phases it needs, from the UI: one skips Remediate and Migrate on its way from kickoff to the
/// success review; a second takes Remediate at the Assess gate and is held at the gate into Enable by 1700 until it is
/// completed. The catalogue has the optional phases (PlaybookPhases: the whole seeded playbook, or its exit tasks
/// imported through the admin's catalogue import).
/// </summary>
public class PhasePlanJourneyTests
{
    private const string Manager = "maria@example.com";
    private const string Admin = "ada@example.com";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_fm_skips_remediate_and_migrate_to_the_success_review_and_a_second_engagement_is_held_at_enable_by_1700()
    {
        await using var app = await BrowserApp.StartAsync();
        await app.App.CreateUserAsync(Admin, Roles.Admin);
        await app.App.CreateUserAsync(Manager, Roles.FastTrackManager);
        await PlaybookPhases.EnsureAsync(app.App, await app.SignedInClientAsync(Admin));
        var page = await app.NewPageAsync();
        await BrowserApp.SignInAsync(page, Manager, AppFactory.Password);
        await CreateACustomerAsync(page);

        // First engagement: the plan skips Remediate and Migrate, chosen on the new engagement form.
        await OpenNewEngagementAsync(page);
        await page.GetByLabel("Remediate", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Migrate", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("Enable", new() { Exact = true }).CheckAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        var first = await CreateEngagementAsync(page);
        await Assertions.Expect(Path(page)).ToHaveTextAsync("Initiate (current phase) ▸ Assess ▸ Enable ▸ Success");
        await Assertions.Expect(Current(page)).ToHaveTextAsync("Initiate");
        await RecordUsageAsync(page, first);

        var visited = await PassEveryGateAsync(page, until: "Conduct Success Review");
        Assert.Equal(["Initiate", "Assess", "Enable"], visited);
        await Assertions.Expect(Current(page)).ToHaveTextAsync("Success");
        foreach (var ftop in PlaybookPhases.ExitTasks.Where(t => t != 1701)) await Assertions.Expect(Task(page, ftop)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("overrides")).ToHaveCountAsync(0);
        await BrowserApp.AssertAccessibleAsync(page);
        var review = page.Locator("#review-form");
        await review.GetByLabel("Continue with business value discussions").CheckAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Complete the success review" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("Completed");

        // Second engagement: the default plan (no Remediate for Teams); the technical assessment finds gaps, so the FM
        // adds Remediate at the Assess gate, with the reason, and the timeline says who and why.
        await OpenNewEngagementAsync(page);
        await Assertions.Expect(page.GetByLabel("Remediate", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Enable", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Initiate", new() { Exact = true })).ToBeDisabledAsync();
        // Migrate follows the services until the FM ticks it: on with Exchange, off again without.
        var exchange = page.GetByLabel("Exchange", new() { Exact = true });
        await exchange.CheckAsync();
        await Assertions.Expect(page.GetByLabel("Migrate", new() { Exact = true })).ToBeCheckedAsync();
        await exchange.UncheckAsync();
        await Assertions.Expect(page.GetByLabel("Migrate", new() { Exact = true })).Not.ToBeCheckedAsync();
        var second = await CreateEngagementAsync(page);
        await Assertions.Expect(Path(page)).ToHaveTextAsync("Initiate (current phase) ▸ Assess ▸ Enable ▸ Success");
        Assert.Equal(["Initiate"], await PassEveryGateAsync(page, until: "Assess"));

        var plan = page.GetByTestId("plan");
        await plan.GetByText("Change the phases").ClickAsync();
        await Assertions.Expect(plan.GetByLabel("Assess", new() { Exact = true })).ToBeDisabledAsync();
        await plan.GetByLabel("Remediate", new() { Exact = true }).CheckAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        // Without a reason the browser keeps the form (the field is required; the server says so too, PhasePlanPageTests).
        var reason = plan.GetByLabel("Why does the plan change? (recorded in the timeline)");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Save the phases" }).ClickAsync();
        Assert.NotEqual("", await reason.EvaluateAsync<string>("el => el.validationMessage"));
        await Assertions.Expect(Path(page)).ToHaveTextAsync("Initiate ▸ Assess (current phase) ▸ Enable ▸ Success");
        await page.GetByTestId("plan").GetByLabel("Why does the plan change? (recorded in the timeline)").FillAsync("The technical assessment found gaps in the tenant");
        await page.GetByTestId("plan").GetByRole(AriaRole.Button, new() { Name = "Save the phases" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The phases were saved.");
        await Assertions.Expect(Path(page)).ToHaveTextAsync("Initiate ▸ Assess (current phase) ▸ Remediate ▸ Enable ▸ Success");
        var entry = page.GetByTestId("timeline").Locator("li", new() { HasText = "Phase plan changed" });
        await Assertions.Expect(entry).ToContainTextAsync("maria");
        await Assertions.Expect(entry).ToContainTextAsync("Reason: — → The technical assessment found gaps in the tenant");

        Assert.Equal(["Assess"], await PassEveryGateAsync(page, until: "Remediate"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Next step: Enable" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("gate-blockers")).ToContainTextAsync("1700 Remediate Exit");
        await page.Locator("#move-form button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("blocks the move to Enable: 1700");
        await Assertions.Expect(page.GetByTestId("form-errors")).ToContainTextAsync("1700 Remediate Exit");
        await Assertions.Expect(Current(page)).ToHaveTextAsync("Remediate");
        await CompleteAsync(page, 1700);
        Assert.Equal(["Remediate"], await PassEveryGateAsync(page, until: "Enable"));
        await Assertions.Expect(Current(page)).ToHaveTextAsync("Enable");

        // The list shows each engagement's path with its current phase.
        await page.GotoAsync("/Engagements");
        var rows = page.GetByTestId("engagement-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator($"a[href='/Engagements/{second}']") }).First.GetByTestId("phase-path")).ToHaveTextAsync(new Regex("^Initiate ▸ Assess ▸ Remediate ▸ Enable \\(current phase\\) ▸ Success$"));
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator($"a[href='/Engagements/{first}']") }).First.GetByTestId("phase-path")).ToHaveTextAsync(new Regex("^Initiate ▸ Assess ▸ Enable ▸ Success \\(current phase\\)$"));
        await BrowserApp.AssertAccessibleAsync(page);
        app.AssertNoProblems();
    }

    /// <summary>The engagement page's path, and its current phase (marked aria-current, in bold).</summary>
    private static ILocator Path(IPage page) => page.GetByTestId("plan").GetByTestId("phase-path");
    private static ILocator Current(IPage page) => Path(page).Locator("li[aria-current='step'] strong");
    private static ILocator Task(IPage page, int ftop) => page.Locator($"[data-testid='task'][data-ftop='{ftop}']");

    private static async Task CreateACustomerAsync(IPage page)
    {
        await page.GotoAsync("/Customers/New");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Woodgrove Bank");
        await page.GetByLabel("Tenant domain").FillAsync("woodgrove.onmicrosoft.com");
        await page.GetByLabel("Industry").FillAsync("Finance");
        await page.GetByLabel("Teams", new() { Exact = true }).FillAsync("1000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create customer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Woodgrove Bank" })).ToBeVisibleAsync();
    }

    private static async Task OpenNewEngagementAsync(IPage page)
    {
        await page.GotoAsync("/Customers");
        await page.GetByRole(AriaRole.Link, new() { Name = "Woodgrove Bank" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New engagement" }).ClickAsync();
        await page.GetByLabel("Motion").SelectOptionAsync(new SelectOptionValue { Label = "Customer Health" });
        await page.GetByLabel("Teams", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Assigned").FillAsync(Iso(Today.AddDays(-10)));
    }

    private static async Task<int> CreateEngagementAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create engagement" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/Engagements/\d+$"));
        return int.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2], CultureInfo.InvariantCulture);
    }

    private static async Task RecordUsageAsync(IPage page, int id)
    {
        await page.GotoAsync($"/Engagements/{id}/Usage");
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync("Teams");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(Iso(Today));
        await page.GetByLabel("Active users", new() { Exact = true }).FillAsync("250");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("usage-history")).ToContainTextAsync("250");
        await page.GotoAsync($"/Engagements/{id}");
    }

    /// <summary>
    /// At each gate: completes the mandatory tasks it lists, then moves on, until the current step or phase is
    /// <paramref name="until"/>. Returns the phases left on the way, as the path marked them current.
    /// </summary>
    private static async Task<List<string>> PassEveryGateAsync(IPage page, string until)
    {
        var left = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var phase = (await Current(page).TextContentAsync())!;
            var step = (await page.GetByTestId("stepper").Locator("[aria-current='step']").TextContentAsync())!;
            if (phase == until || step.Contains(until, StringComparison.Ordinal)) return left;
            foreach (var blocker in await page.GetByTestId("gate-blockers").Locator("li").AllTextContentsAsync())
                await CompleteAsync(page, int.Parse(blocker.Split(' ')[0], CultureInfo.InvariantCulture));
            await page.Locator("#move-form button").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The engagement moved to the next step.");
            var now = (await Current(page).TextContentAsync())!;
            if (now != phase) left.Add(phase);
        }
        throw new Xunit.Sdk.XunitException($"{until} was not reached in 30 moves");
    }

    private static async Task CompleteAsync(IPage page, int ftop)
    {
        var task = Task(page, ftop);
        await ManagerJourneyTests.OpenTaskFormAsync(page, task);
        await task.GetByLabel("Status").SelectOptionAsync("Completed");
        await task.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(Task(page, ftop).GetByTestId("task-status")).ToHaveTextAsync("Completed");
    }
}
