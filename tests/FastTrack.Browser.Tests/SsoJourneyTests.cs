using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests.Sso;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>Single sign-on in Chromium: the app's button, the provider's own page on another port, back signed in.</summary>
public class SsoJourneyTests
{
    [Fact]
    public async Task A_manager_signs_in_through_the_providers_page_and_lands_signed_in()
    {
        await using var provider = await TestIdentityProvider.StartAsync();
        provider.Add(new ProviderUser("frank", "sub-frank",
            [("email", "frank@contoso.example"), ("name", "Frank Example"), ("roles", "FastTrack.Manager")]));
        await using var b = await BrowserApp.StartAsync(provider.AppSettings());
        provider.RedirectUris.Add(b.BaseUrl.TrimEnd('/') + "/signin-oidc");
        await b.App.CreateUserAsync("admin@example.com", Roles.Admin);
        var page = await b.NewPageAsync();

        await page.GotoAsync("/Account/SignIn");
        await page.GetByTestId("sso-button").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(provider.Issuer.ToString(), StringComparison.Ordinal));
        await page.GetByLabel("User name").FillAsync("frank");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(b.BaseUrl.TrimEnd('/') + "/");

        Assert.Equal("frank@contoso.example", (await page.GetByTestId("current-user").TextContentAsync())?.Trim());
        Assert.Equal(1, b.App.Scoped(db => db.UserSessions.Count(s => s.RevokedAt == null)));
        await BrowserApp.ScreenshotAsync(page, "sso-signed-in");
        b.AssertNoProblems();
    }
}
