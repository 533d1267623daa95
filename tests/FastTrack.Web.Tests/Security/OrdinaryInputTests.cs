using System.Net;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Security;

/// <summary>Issue 22, item 6: ordinary (if odd) input gets an answer, never a 500.</summary>
public class OrdinaryInputTests
{
    [Fact]
    public async Task A_post_to_a_page_without_a_post_handler_is_405_not_500()
    {
        await using var world = await PageWorld.CreateAsync();
        var fm = world.Personas["fm"];
        foreach (var url in new[] { $"/Engagements/{world.EngagementA}", $"/Customers/{world.CustomerA}", "/Engagements", "/Catalogue" })
        {
            var page = await fm.GetPageAsync(url);
            var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var response = await fm.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"POST {url}: {(int)response.StatusCode}");
            var named = await fm.PostAsync(url + "?handler=Nothing", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.True(named.StatusCode == HttpStatusCode.MethodNotAllowed, $"POST {url}?handler=Nothing: {(int)named.StatusCode}");
        }
    }

    [Fact]
    public async Task A_non_ascii_return_url_is_kept_encoded_on_culture_and_sign_in()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var browser = app.Browser();
        var signIn = await browser.PostFormAsync("/Account/SignIn?ReturnUrl=/Engagements?Search=%E6%97%A5%E6%9C%AC",
            new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password, ["ReturnUrl"] = "/Engagements?Search=日本" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/Engagements?Search=%E6%97%A5%E6%9C%AC", signIn.Headers.Location!.OriginalString);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FastTrack.Auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Engagements")).StatusCode);

        var culture = await browser.PostFormAsync("/Culture", new() { ["culture"] = "ja", ["returnUrl"] = "/Customers?Search=Ünïcødé" },
            pageUrl: "/", formSelector: "#culture-form");
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        Assert.Equal("/Customers?Search=%C3%9Cn%C3%AFc%C3%B8d%C3%A9", culture.Headers.Location!.OriginalString);

        // Not local, or not a URL a browser could follow: home.
        var away = await browser.PostFormAsync("/Culture", new() { ["culture"] = "en", ["returnUrl"] = "//evil.example/日本" },
            pageUrl: "/", formSelector: "#culture-form");
        Assert.Equal("/", away.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_non_boolean_disabled_value_is_a_message_on_the_field_and_changes_nothing()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var id = await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var response = await admin.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.IsDisabled"] = "maybe", ["Data.DisplayName"] = "Renamed" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.IsDisabled']")!.TextContent.Trim());
        Assert.Equal("fm", app.Scoped(db => db.Users.Single(u => u.Id == id).DisplayName));
    }

    [Theory]
    [InlineData("            ")]
    [InlineData("password1234")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("Qwerty123456")]
    [InlineData("123456789012")]
    public async Task A_blank_or_common_password_is_refused_on_the_field_when_creating_a_user(string password)
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var response = await admin.PostFormAsync("/Admin/Users/New", new()
        {
            ["Data.DisplayName"] = "Fumi", ["Data.Email"] = "fumi@example.com", ["Data.Password"] = password, ["Data.Roles"] = Roles.FastTrackManager,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Password']")!.TextContent.Trim());
        Assert.False(app.Scoped(db => db.Users.Any(u => u.Email == "fumi@example.com")));
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("zxq-ruby-lantern-9")]
    [InlineData("日本語のながいパスワードです")]
    public async Task A_long_uncommon_password_of_any_characters_is_accepted(string password)
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var response = await admin.PostFormAsync("/Admin/Users/New", new()
        {
            ["Data.DisplayName"] = "Fumi", ["Data.Email"] = "fumi@example.com", ["Data.Password"] = password, ["Data.Roles"] = Roles.FastTrackManager,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
