using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// A session's form token is made once and given again (ReusedFormTokens, ADR 0011), but only for the same antiforgery
/// cookie and the same user; every post is still validated by the framework.
/// </summary>
public class ReusedFormTokensTests
{
    private const string Field = "__RequestVerificationToken";

    [Fact]
    public async Task A_session_gets_the_same_form_token_on_every_page_and_posts_with_it()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);

        var first = await fm.GetAsync("/");
        var token = Token(await first.HtmlAsync());
        var second = await fm.GetAsync("/Engagements");
        Assert.Equal(token, Token(await second.HtmlAsync()));
        Assert.Contains("no-store", second.Headers.CacheControl!.ToString());

        var posted = await fm.PostAsync("/Culture", Form(token, "ja"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
    }

    [Fact]
    public async Task Another_user_in_the_same_browser_gets_a_token_of_their_own_and_the_first_users_is_refused()
    {
        using var app = new AppFactory();
        var (first, second) = ($"first-{Guid.NewGuid():N}@example.com", $"second-{Guid.NewGuid():N}@example.com");
        await app.CreateUserAsync(first, Roles.FastTrackManager);
        await app.CreateUserAsync(second, Roles.FastTrackManager);
        var browser = await app.SignInAsync(first);
        var firstToken = Token(await browser.GetPageAsync("/"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Account/SignOut", Form(firstToken))).StatusCode);

        // The same browser keeps its antiforgery cookie; the next user signs in with it.
        var signedIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = second, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var secondToken = Token(await browser.GetPageAsync("/"));

        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/Culture", Form(firstToken, "ja"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Culture", Form(secondToken, "ja"))).StatusCode);
    }

    [Fact]
    public async Task A_cookie_that_is_not_valid_is_replaced_every_time_and_nothing_is_kept_for_it()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync($"admin-{Guid.NewGuid():N}@example.com", Roles.Admin); // past first-run set-up
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
            request.Headers.Add("Cookie", "FastTrack.Antiforgery=not-a-token");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("FastTrack.Antiforgery=", StringComparison.Ordinal));
        }
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector($"input[name='{Field}']")?.GetAttribute("value") ?? throw new InvalidOperationException("no form token on the page");

    private static FormUrlEncodedContent Form(string token, string? culture = null) => new(culture is null
        ? [new(Field, token)]
        : [new(Field, token), new("culture", culture), new("returnUrl", "/")]);
}
