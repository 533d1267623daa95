using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>The first-run journey: setup page, first admin, users.</summary>
public class FirstRunJourneyTests
{
    [Fact]
    public async Task Newcomer_sets_up_the_first_admin_and_creates_a_manager()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Setup$"));
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Your name").FillAsync("Aiko Admin");
        await page.GetByLabel("E-mail (you sign in with it)").FillAsync("aiko@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("correct horse battery staple");
        await page.GetByLabel("Password again").FillAsync("correct horse battery staple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to FastTrack" })).ToBeVisibleAsync();
        await page.GetByLabel("Password").FillAsync("correct horse battery staple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("aiko@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add user" }).ClickAsync();
        await BrowserApp.AssertAccessibleAsync(page);
        await page.GetByLabel("Name").FillAsync("Frank Manager");
        await page.GetByLabel("E-mail (they sign in with it)").FillAsync("frank@example.com");
        await page.GetByLabel("Initial password").FillAsync("another long pass phrase");
        await page.GetByLabel("FastTrack manager").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("frank@example.com");
        await BrowserApp.AssertAccessibleAsync(page);

        app.AssertNoProblems();
    }
}
