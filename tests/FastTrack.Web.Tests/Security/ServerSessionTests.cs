using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Sign-in sessions kept on the server (issue 22 item 5, docs/security.md Sessions): signing out ends this session at
/// once, a copy of its cookie included, and nothing else; "sign out everywhere" and disabling a user end them all; a
/// "Keep me signed in" session outlives restarts but not its end, and an end on one instance holds on another at once.
/// Real HTTP through the test server, with the app's own cookies copied between clients as a thief would.
/// </summary>
public class ServerSessionTests
{
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static HttpClient Client(AppFactory app, CookieContainer cookies, string userAgent = Firefox)
    {
        var client = app.CreateDefaultClient(new Uri("http://localhost"), new RedirectHandler(0), new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    private static async Task<CookieContainer> SignInAsync(AppFactory app, string email, bool keep = false, string userAgent = Firefox)
    {
        var cookies = new CookieContainer();
        var response = await Client(app, cookies, userAgent).PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password, ["Data.RememberMe"] = keep ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }

    /// <summary>What someone holding a copy of the browser's cookies has.</summary>
    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        foreach (Cookie c in cookies.GetAllCookies()) copy.Add(new Cookie(c.Name, c.Value, c.Path, c.Domain));
        return copy;
    }

    private static async Task<bool> SignedInAsync(AppFactory app, CookieContainer cookies)
    {
        var response = await Client(app, cookies).GetAsync("/Engagements");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString);
        return false;
    }

    private static Task<HttpResponseMessage> SignOutAsync(AppFactory app, CookieContainer cookies) =>
        Client(app, cookies).PostFormAsync("/Account/SignOut", new(), pageUrl: "/Account/Profile", formSelector: "form[action='/Account/SignOut']");

    [Fact]
    public async Task After_sign_out_a_copied_cookie_is_refused_at_once_and_the_users_other_session_goes_on()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var laptop = await SignInAsync(app, "fm@example.com");
        var phone = await SignInAsync(app, "fm@example.com", userAgent: Chrome);
        var stolen = Copy(laptop);
        Assert.True(await SignedInAsync(app, stolen));

        var signedOut = await SignOutAsync(app, laptop);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.False(await SignedInAsync(app, stolen));
        Assert.True(await SignedInAsync(app, phone));
        var audit = app.Scoped(db => db.AuditEntries.Where(a => a.Action == "SessionEnded").Select(a => a.Summary).ToList());
        Assert.Equal(["Firefox on Windows"], audit);
    }

    [Fact]
    public async Task The_profile_lists_the_users_sessions_this_one_marked_and_ends_another_or_all_of_them()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        await app.CreateUserAsync("other@example.com", Roles.FastTrackManager);
        var laptop = await SignInAsync(app, "fm@example.com");
        var phone = await SignInAsync(app, "fm@example.com", keep: true, userAgent: Chrome);
        var tablet = await SignInAsync(app, "fm@example.com", userAgent: Chrome);
        var someoneElse = await SignInAsync(app, "other@example.com");

        var profile = await Client(app, laptop).GetPageAsync("/Account/Profile");
        var rows = profile.QuerySelectorAll("[data-testid=sessions] li").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("current", rows[0].GetAttribute("data-session"));
        Assert.Contains("Firefox on Windows", rows[0].TextContent);
        Assert.Contains("This browser", rows[0].TextContent);
        Assert.All(rows.Skip(1), r => Assert.Contains("Chrome on Linux", r.TextContent));
        Assert.Single(rows, r => r.TextContent.Contains("Kept signed in"));

        // "Sign out" on the phone's row, from the laptop: the phone is signed out at once, the rest go on.
        var phoneRow = rows.Single(r => r.TextContent.Contains("Kept signed in"));
        var action = phoneRow.QuerySelector("form")!.GetAttribute("action")!;
        var ended = await Client(app, laptop).SubmitFormAsync(profile, action, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.False(await SignedInAsync(app, phone));
        Assert.True(await SignedInAsync(app, laptop));
        Assert.True(await SignedInAsync(app, tablet));

        // Another user's session id posted by this user: not found, and it goes on.
        var otherId = app.Scoped(db => db.UserSessions.Single(s => s.RevokedAt == null && db.Users.Any(u => u.Id == s.UserId && u.Email == "other@example.com")).Id);
        var forged = await Client(app, laptop).SubmitFormAsync(profile, $"/Account/Profile?handler=EndSession&session={otherId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.True(await SignedInAsync(app, someoneElse));

        // Sign out everywhere, from the tablet: every session of the user ends, the tablet's too; the other user's not.
        var everywhere = await Client(app, tablet).PostFormAsync("/Account/Profile?handler=EndAll", new Dictionary<string, string>(), pageUrl: "/Account/Profile");
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Contains("/Account/SignIn", everywhere.Headers.Location!.OriginalString);
        Assert.False(await SignedInAsync(app, laptop));
        Assert.False(await SignedInAsync(app, tablet));
        Assert.True(await SignedInAsync(app, someoneElse));
    }

    [Fact]
    public async Task Disabling_a_user_refuses_every_session_of_theirs_at_the_next_request()
    {
        // The security stamp is checked once a minute; the session check is what makes this immediate.
        using var app = new AppFactory();
        var id = await app.CreateUserAsync("pat@example.com", Roles.FastTrackManager);
        await app.CreateUserAsync("admin@example.com", Roles.Admin);
        var admin = await SignInAsync(app, "admin@example.com");
        var one = await SignInAsync(app, "pat@example.com");
        var two = await SignInAsync(app, "pat@example.com", keep: true, userAgent: Chrome);
        Assert.True(await SignedInAsync(app, one));

        var saved = await Client(app, admin).PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.False(await SignedInAsync(app, one));
        Assert.False(await SignedInAsync(app, two));
        Assert.True(await SignedInAsync(app, admin));
        Assert.Equal(0, app.Scoped(db => db.UserSessions.Count(s => s.UserId == id && s.RevokedAt == null)));
    }

    [Fact]
    public async Task A_kept_session_survives_restarts_and_an_end_on_one_instance_holds_on_another_at_once()
    {
        using var database = new AppDatabase();
        CookieContainer kept, copy;
        using (var before = new AppFactory(sharedDatabase: database))
        {
            await before.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
            kept = await SignInAsync(before, "fm@example.com", keep: true);
            Assert.Contains(kept.GetAllCookies(), c => c.Name.StartsWith("FastTrack.Auth", StringComparison.Ordinal) && c.Expires > DateTime.Now);
            copy = Copy(kept);
            Assert.True(await SignedInAsync(before, kept));
        }

        // The app restarted, now running as two instances on the one database.
        using var first = new AppFactory(sharedDatabase: database);
        using var second = new AppFactory(sharedDatabase: database);
        Assert.True(await SignedInAsync(first, kept));
        Assert.True(await SignedInAsync(second, copy));

        Assert.Equal(HttpStatusCode.Redirect, (await SignOutAsync(first, kept)).StatusCode);
        Assert.False(await SignedInAsync(second, copy));

        // And after another restart the ended session stays ended.
        using var later = new AppFactory(sharedDatabase: database);
        Assert.False(await SignedInAsync(later, copy));
        Assert.Equal(1, later.Scoped(db => db.UserSessions.Count(s => s.RevokedAt != null)));
    }
}
