using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// The first-run journey of an admin, in one browser session: the setup page and the first admin, a FastTrack
/// manager, then the catalogue: export, edit the file, import it through the preview, rename a task in Japanese and
/// retire one. Each step is a method named after what the admin does, in the order of the day.
/// </summary>
public class FirstRunJourneyTests
{
    private const string AdminEmail = "aiko@example.com";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Newcomer_sets_up_the_app_creates_a_manager_imports_the_catalogue_renames_and_retires_tasks()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.NewPageAsync();

        await SetUpTheFirstAdminAsync(page);
        await CreateAFastTrackManagerAsync(page);
        await CreateAPartnerOrganisationAndTwoPartnerUsersAsync(page);
        await ImportACatalogueFileThroughThePreviewAsync(page);
        await RenameATaskInJapaneseAsync(page);
        await RetireATaskAsync(page);
        await ReadTheAuditTrailAsync(page);

        app.AssertNoProblems();
    }

    private static async Task SetUpTheFirstAdminAsync(IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Setup$"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Your name").FillAsync("Aiko Admin");
        await page.GetByLabel("E-mail (you sign in with it)").FillAsync(AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

        // Setup signs the new admin in: no second prompt for the password just chosen.
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(AdminEmail);
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.AssertKeyboardReachableAsync(page);
    }

    private static async Task CreateAFastTrackManagerAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).First.ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add user" }).ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Name").FillAsync("Frank Manager");
        await page.GetByLabel("E-mail (they sign in with it)").FillAsync("frank@example.com");
        await page.GetByLabel("Initial password").FillAsync("another long pass phrase");
        await page.GetByLabel("FastTrack manager").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("frank@example.com");
        await BrowserApp.AssertAccessibleAsync(page);
    }

    private static async Task CreateAPartnerOrganisationAndTwoPartnerUsersAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Partner organisations" }).First.ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("New organisation").FillAsync("Fabrikam Partners");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add organisation" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Fabrikam Partners");

        foreach (var (name, email) in new[] { ("Priya Partner", "priya@fabrikam.example"), ("Paul Partner", "paul@fabrikam.example") })
        {
            await page.GotoAsync("/Admin/Users/New");
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByLabel("E-mail (they sign in with it)").FillAsync(email);
            await page.GetByLabel("Initial password").FillAsync("partner pass phrase long");
            await page.GetByLabel("Partner staff").CheckAsync();
            await page.GetByLabel("Partner organisation (required for the Partner role, empty otherwise)").SelectOptionAsync(new SelectOptionValue { Label = "Fabrikam Partners" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
            await Assertions.Expect(page.Locator("table")).ToContainTextAsync(email);
        }
        await BrowserApp.AssertAccessibleAsync(page);
    }

    /// <summary>Export the catalogue, add a task and rename another in the file, upload it, read the preview, apply.</summary>
    private static async Task ImportACatalogueFileThroughThePreviewAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("catalogue-tree")).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByTestId("view-table").ClickAsync();
        await Assertions.Expect(page.GetByTestId("catalogue-table")).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByTestId("view-tree").ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        Assert.Matches(@"^fasttrack-catalogue-\d{8}\.csv$", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        Assert.Contains("983,Initiate,Conduct Customer Kickoff,Schedule and Conduct Kickoff Meeting,O,FastTrack Manager,All Services,QuickLeads,", exported);
        var edited = exported.Replace(",All Services,QuickLeads,", ",All Services,QuickLeads (partner referral),").TrimEnd()
            + "\r\n9001,Initiate,Conduct Customer Kickoff,Prepare for Kickoff Meeting,O,FastTrack Manager,All Services,"
            + "Confirm the customer's kickoff attendees,キックオフの参加者を確認する,确认启动会议参加者\r\n";

        await page.GetByTestId("import").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import the catalogue" })).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(page);

        // The preview in Japanese first (for the screenshot), then the same file in English, which is applied.
        await BrowserApp.SwitchLanguageAsync(page, "ja");
        await UploadAsync(page, edited);
        await BrowserApp.ScreenshotAsync(page, "import-preview-ja", fullPage: true);
        await BrowserApp.SwitchLanguageAsync(page, "en");
        await UploadAsync(page, edited);

        await Assertions.Expect(page.GetByTestId("preview-summary")).ToHaveTextAsync(new Regex(@"^\s*1 added, 1 changed, 0 retired, 0 restored, 19 unchanged\.\s*$"));
        var added = page.GetByTestId("added");
        await Assertions.Expect(added.Locator("tbody[data-id='9001']")).ToContainTextAsync("Confirm the customer's kickoff attendees");
        var changed = page.GetByTestId("changed").Locator("tbody[data-id='983']");
        await Assertions.Expect(changed).ToContainTextAsync("Name (English)");
        await Assertions.Expect(changed.Locator("td").Nth(2)).ToHaveTextAsync("QuickLeads");
        await Assertions.Expect(changed.Locator("td").Nth(3)).ToHaveTextAsync("QuickLeads (partner referral)");
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotAsync(page, "import-preview-en", fullPage: true);
        await BrowserApp.AssertKeyboardReachableAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Import applied: 1 added, 1 changed, 0 retired, 0 restored");

        await page.GotoAsync("/Catalogue");
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='9001']")).ToContainTextAsync("Confirm the customer's kickoff attendees");
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='983'] [data-testid='task-name']")).ToHaveTextAsync("QuickLeads (partner referral)");
        await BrowserApp.ScreenshotInBothLanguagesAsync(page, "catalogue");
        await BrowserApp.AssertKeyboardReachableAsync(page);
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.Locator("#upload").SetInputFilesAsync(new FilePayload
        {
            Name = "catalogue-edited.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(),
        });
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview")).ToBeVisibleAsync();
    }

    /// <summary>The task edit page: the Japanese name field only; the catalogue shows the new name to Japanese readers.</summary>
    private static async Task RenameATaskInJapaneseAsync(IPage page)
    {
        await page.Locator("[data-testid='tree-task'][data-ftop-id='2536'] a.task-id").ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Conduct Success Workshop");
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByTestId("edit-task").ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.AssertKeyboardReachableAsync(page);
        var japanese = page.GetByLabel("Name (Japanese)");
        await Assertions.Expect(japanese).ToHaveValueAsync("サクセス ワークショップの実施");
        await japanese.FillAsync("カスタマー サクセス ワークショップを実施する");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Catalogue/Tasks/2536$"));
        await Assertions.Expect(page.GetByTestId("name-ja")).ToHaveTextAsync("カスタマー サクセス ワークショップを実施する");
        await Assertions.Expect(page.GetByTestId("name-en")).ToHaveTextAsync("Conduct Success Workshop");
        await BrowserApp.SwitchLanguageAsync(page, "ja");
        await Assertions.Expect(page.GetByTestId("task-title")).ToHaveTextAsync("カスタマー サクセス ワークショップを実施する");
        await BrowserApp.SwitchLanguageAsync(page, "en");
    }

    /// <summary>Retire asks for confirmation; the task leaves the active catalogue and stays under "Retired".</summary>
    private static async Task RetireATaskAsync(IPage page)
    {
        await page.GotoAsync("/Catalogue/Tasks/3979");
        string? asked = null;
        page.Dialog += async (_, dialog) => { asked = dialog.Message; await dialog.AcceptAsync(); };
        await page.GetByRole(AriaRole.Button, new() { Name = "Retire" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("retired-notice")).ToBeVisibleAsync();
        Assert.StartsWith("Retire task 3979?", asked);
        await Assertions.Expect(page.GetByTestId("state")).ToHaveTextAsync("Retired");
        await BrowserApp.AssertAccessibleAsync(page);

        await page.GotoAsync("/Catalogue");
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='3979']")).ToHaveCountAsync(0);
        await page.GetByLabel("State").SelectOptionAsync(new SelectOptionValue { Label = "Retired" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='tree-task'][data-ftop-id='3979']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("counts")).ToContainTextAsync("1 retired");
    }

    private static async Task ReadTheAuditTrailAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("3979");
        await BrowserApp.AssertAccessibleAsync(page);
    }
}
