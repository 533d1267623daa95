using System.Net;

namespace FastTrack.Web.Tests.Pages;

public class CultureTests
{
    [Theory]
    [InlineData("ja", "FastTrack にサインイン", "ja")]
    [InlineData("zh-CN", "登录 FastTrack", "zh-Hans")]
    [InlineData("en-US", "Sign in to FastTrack", "en")]
    public async Task The_browser_language_chooses_the_UI_language(string acceptLanguage, string heading, string lang)
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("someone@example.com");
        var browser = app.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        var page = await browser.GetPageAsync("/Account/SignIn");
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_chosen_language_is_remembered_over_the_browser_language()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("someone@example.com");
        var browser = app.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var switched = await browser.PostFormAsync("/Culture", new() { ["culture"] = "ja", ["returnUrl"] = "/Account/SignIn" },
            pageUrl: "/Account/SignIn", formSelector: "#culture-form");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/SignIn", switched.Headers.Location!.OriginalString);
        var page = await browser.GetPageAsync("/Account/SignIn");
        Assert.Equal("FastTrack にサインイン", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Switching_language_never_redirects_off_site()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("someone@example.com");
        var browser = app.Browser();
        var switched = await browser.PostFormAsync("/Culture", new() { ["culture"] = "zh-Hans", ["returnUrl"] = "https://evil.example/" },
            pageUrl: "/Account/SignIn", formSelector: "#culture-form");
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }
}
