using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Sso;

/// <summary>
/// Single sign-on through a real OpenID Connect provider on loopback (<see cref="TestIdentityProvider"/>): the app's
/// sign-in page, the provider's page, the code exchanged over the back channel and the callback, all over HTTP with
/// cookies, following each redirect by hand.
/// </summary>
public class SsoSignInTests
{
    private static ProviderUser Person(string name, string role, string? organisation = null, TokenFault fault = TokenFault.None, bool email = true)
    {
        var claims = new List<(string, string)> { ("name", name + " Example"), ("roles", role) };
        if (email) claims.Add(("email", $"{name}@contoso.example"));
        if (organisation is not null) claims.Add(("partner_org", organisation));
        return new ProviderUser(name, "sub-" + name, claims, fault);
    }

    private sealed class World : IAsyncDisposable
    {
        public required TestIdentityProvider Provider { get; init; }
        public required AppFactory App { get; init; }

        public static async Task<World> StartAsync(string newUsers = "Create", bool localPasswords = true)
        {
            var provider = await TestIdentityProvider.StartAsync();
            provider.RedirectUris.Add("http://localhost/signin-oidc");
            var app = new AppFactory();
            foreach (var (k, v) in provider.AppSettings(newUsers)) app.Settings[k] = v;
            if (!localPasswords) app.Settings["LocalPasswords"] = "false";
            await app.CreateUserAsync("admin@example.com", Roles.Admin);
            await app.OrganisationAsync("Alpha Partners");
            return new World { Provider = provider, App = app };
        }

        public async ValueTask DisposeAsync()
        {
            App.Dispose();
            await Provider.DisposeAsync();
        }

        public int Users() => App.Scoped(db => db.Users.Count());
        public int Sessions() => App.Scoped(db => db.UserSessions.Count());
        public List<string> Audit(string action) => App.Scoped(db => db.AuditEntries.Where(a => a.Action == action).Select(a => a.UserName).ToList());

        /// <summary>Signs <paramref name="username"/> in through the provider; the app's last answer (the callback's redirect).</summary>
        public async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string username)
        {
            var start = await browser.PostFormAsync("/Account/SignIn?handler=Sso", new Dictionary<string, string>(), "/Account/SignIn", "[data-testid=sso-form]");
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            var authorize = start.Headers.Location!;
            Assert.Equal(Provider.Issuer.Authority, authorize.Authority);
            Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);
            using var providerBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });
            var login = FormPosting.Parse(await providerBrowser.GetStringAsync(authorize));
            var values = FormPosting.FormValues(login.Forms[0]);
            values.RemoveAll(v => v.Key == "username");
            values.Add(new("username", username));
            var signedIn = await providerBrowser.PostAsync(new Uri(Provider.Issuer, "/connect/authorize"), new FormUrlEncodedContent(values));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            var callback = signedIn.Headers.Location!;
            Assert.Equal("/signin-oidc", callback.AbsolutePath);
            return await browser.GetAsync(callback.PathAndQuery);
        }
    }

    [Fact]
    public async Task A_first_sign_in_creates_the_user_with_the_mapped_role_and_organisation_and_starts_a_session()
    {
        await using var w = await World.StartAsync();
        w.Provider.Add(Person("alice", "FastTrack.Partner", "Alpha Partners"));
        var browser = w.App.Browser();

        var answer = await w.SignInAsync(browser, "alice");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location!.OriginalString);
        var home = await browser.GetPageAsync("/");
        Assert.Equal("alice@contoso.example", home.QuerySelector("[data-testid=current-user]")!.TextContent.Trim());
        var (roles, organisation, logins, sessions) = w.App.Scoped(db =>
        {
            var user = db.Users.Single(u => u.Email == "alice@contoso.example");
            return (db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                db.PartnerOrganisations.Where(p => p.Id == user.PartnerOrganisationId).Select(p => p.Name).SingleOrDefault(),
                db.UserLogins.Where(l => l.UserId == user.Id).Select(l => new { l.LoginProvider, l.ProviderKey }).ToList(),
                db.UserSessions.Count(s => s.UserId == user.Id && s.RevokedAt == null));
        });
        Assert.Equal([Roles.Partner], roles);
        Assert.Equal("Alpha Partners", organisation);
        var login = Assert.Single(logins);
        Assert.Equal((w.Provider.Issuer.ToString(), "sub-alice"), (login.LoginProvider, login.ProviderKey));
        Assert.Equal(1, sessions);
        Assert.Equal(["alice@contoso.example"], w.Audit("SsoUserCreated"));
        Assert.Equal(["alice@contoso.example"], w.Audit("SsoSignInSucceeded"));

        // The next sign-in finds the same user by the stored login: nobody new, a second session.
        var again = w.App.Browser();
        Assert.Equal("/", (await w.SignInAsync(again, "alice")).Headers.Location!.OriginalString);
        Assert.Equal(2, w.Users());
        Assert.Equal(2, w.Sessions());
    }

    [Fact]
    public async Task A_new_user_waits_for_approval_and_signs_in_once_an_admin_approves_and_a_rejected_one_is_told()
    {
        await using var w = await World.StartAsync(newUsers: "Approve");
        w.Provider.Add(Person("bob", "FastTrack.Manager"));
        w.Provider.Add(Person("carol", "unmapped-group"));
        var bob = w.App.Browser();

        var answer = await w.SignInAsync(bob, "bob");
        Assert.Equal("/Account/Pending", answer.Headers.Location!.OriginalString);
        var pending = await bob.GetPageAsync("/Account/Pending");
        Assert.Contains("must approve", pending.QuerySelector("[data-testid=pending]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, w.Users());
        Assert.Equal(0, w.Sessions());
        Assert.Equal(HttpStatusCode.Redirect, (await bob.GetAsync("/")).StatusCode);
        // Signing in again while waiting changes nothing.
        Assert.Equal("/Account/Pending", (await w.SignInAsync(w.App.Browser(), "bob")).Headers.Location!.OriginalString);
        await w.SignInAsync(w.App.Browser(), "carol");

        var admin = await w.App.SignInAsync("admin@example.com");
        var queue = await admin.GetPageAsync("/Admin/Users/Pending");
        var rows = queue.QuerySelectorAll("[data-testid=pending-sign-ups] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var bobRow = rows.Single(r => r.TextContent.Contains("bob@contoso.example", StringComparison.Ordinal));
        // The mapped role is suggested; the admin confirms it.
        Assert.Equal(Roles.FastTrackManager, bobRow.QuerySelector("select[name='Data.Role'] option[selected]")!.GetAttribute("value"));
        var approve = await admin.SubmitFormAsync(queue, "/Admin/Users/Pending?handler=Approve", [], $"tr[data-id='{bobRow.GetAttribute("data-id")}'] form[action*=Approve]");
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        // Deciding again (another admin's stale page) is told, and changes nothing.
        var stale = await admin.SubmitFormAsync(queue, "/Admin/Users/Pending?handler=Approve", [], $"tr[data-id='{bobRow.GetAttribute("data-id")}'] form[action*=Approve]");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("already decided", (await stale.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        var carolRow = rows.Single(r => r.TextContent.Contains("carol@contoso.example", StringComparison.Ordinal));
        var reject = await admin.SubmitFormAsync(queue, $"/Admin/Users/Pending?handler=Reject&id={carolRow.GetAttribute("data-id")}", [],
            $"tr[data-id='{carolRow.GetAttribute("data-id")}'] form[action*=Reject]");
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);

        Assert.Equal("/", (await w.SignInAsync(bob, "bob")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/")).StatusCode);
        var bobRoles = w.App.Scoped(db => db.UserRoles.Where(r => r.UserId == db.Users.Single(u => u.Email == "bob@contoso.example").Id)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList());
        Assert.Equal([Roles.FastTrackManager], bobRoles);

        var carol = w.App.Browser();
        var refused = await w.SignInAsync(carol, "carol");
        Assert.Equal("/Account/SignIn?sso=rejected", refused.Headers.Location!.OriginalString);
        var told = await carol.GetPageAsync(refused.Headers.Location.OriginalString);
        Assert.Contains("was declined", told.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        // The admin and bob; carol was never created.
        Assert.Equal(2, w.Users());
        Assert.Single(w.Audit("SsoSignUpApproved"));
        Assert.Single(w.Audit("SsoSignUpRejected"));
        Assert.Equal(2, w.Audit("SsoSignUpRequested").Count);
    }

    [Theory]
    [InlineData(TokenFault.WrongAudience, "audience", "meant for another application")]
    [InlineData(TokenFault.Expired, "expired", "had expired")]
    [InlineData(TokenFault.TamperedSignature, "signature", "could not be verified")]
    public async Task A_spoiled_id_token_is_refused_with_a_clear_message_and_nothing_is_created(TokenFault fault, string code, string message)
    {
        await using var w = await World.StartAsync();
        w.Provider.Add(Person("mallory", "FastTrack.Admin", fault: fault));
        var browser = w.App.Browser();

        var answer = await w.SignInAsync(browser, "mallory");

        Assert.Equal(1, w.Provider.TokensIssued);
        Assert.Equal("/Account/SignIn?sso=" + code, answer.Headers.Location!.OriginalString);
        var page = await browser.GetPageAsync(answer.Headers.Location.OriginalString);
        Assert.Contains(message, page.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, w.Users());
        Assert.Equal(0, w.Sessions());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(code, w.App.Scoped(db => db.AuditEntries.Single(a => a.Action == "SsoSignInRefused").Summary));
    }

    [Theory]
    [InlineData(false, "FastTrack.Manager", "email", "did not give FastTrack your e-mail address")]
    [InlineData(true, "unmapped-group", "role", "has no FastTrack role")]
    public async Task A_missing_claim_is_refused_with_a_clear_message_and_nothing_is_created(bool email, string role, string code, string message)
    {
        await using var w = await World.StartAsync();
        w.Provider.Add(Person("dave", role, email: email));
        var browser = w.App.Browser();

        var answer = await w.SignInAsync(browser, "dave");

        Assert.Equal("/Account/SignIn?sso=" + code, answer.Headers.Location!.OriginalString);
        var page = await browser.GetPageAsync(answer.Headers.Location.OriginalString);
        Assert.Contains(message, page.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, w.Users());
        Assert.Equal(0, w.Sessions());
        Assert.Single(w.Audit("SsoSignInRefused"));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sso_session_and_a_valid_sso_sign_in_is_then_refused()
    {
        await using var w = await World.StartAsync();
        w.Provider.Add(Person("erin", "FastTrack.Manager"));
        var erin = w.App.Browser();
        Assert.Equal("/", (await w.SignInAsync(erin, "erin")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync("/")).StatusCode);
        var id = w.App.Scoped(db => db.Users.Single(u => u.Email == "erin@contoso.example").Id);

        var admin = await w.App.SignInAsync("admin@example.com");
        var disabled = await admin.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        // The open session ends at its next request.
        var after = await erin.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var sessionsBefore = w.Sessions();
        // The provider still vouches for erin: the app refuses.
        var again = w.App.Browser();
        var refused = await w.SignInAsync(again, "erin");
        Assert.Equal("/Account/SignIn?sso=disabled", refused.Headers.Location!.OriginalString);
        Assert.Equal(sessionsBefore, w.Sessions());
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode);
        Assert.Single(w.Audit("SsoSignInRefusedDisabled"));
    }

    [Fact]
    public async Task With_local_passwords_off_only_the_sso_button_shows_and_a_password_post_is_refused()
    {
        await using var w = await World.StartAsync(localPasswords: false);
        var browser = w.App.Browser();
        var page = await browser.GetPageAsync("/Account/SignIn");
        Assert.NotNull(page.QuerySelector("[data-testid=sso-button]"));
        Assert.Contains("Contoso ID", page.QuerySelector("[data-testid=sso-button]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[type=password]"));

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await browser.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Data.Email"] = "admin@example.com", ["Data.Password"] = AppFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Password sign-in is turned off", (await post.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, w.Sessions());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        // The admin created with a password (as by /Setup) signs in through the provider by their address.
        w.Provider.Add(new ProviderUser("admin", "sub-admin", [("email", "admin@example.com"), ("name", "Admin")]));
        Assert.Equal("/", (await w.SignInAsync(browser, "admin")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users")).StatusCode);
        Assert.Single(w.Audit("SsoLoginLinked"));
    }

    [Fact]
    public async Task With_local_passwords_off_an_admin_adds_a_user_without_a_password_and_a_password_sent_anyway_is_refused()
    {
        await using var w = await World.StartAsync(localPasswords: false);
        var admin = w.App.Browser();
        w.Provider.Add(new ProviderUser("admin", "sub-admin", [("email", "admin@example.com"), ("name", "Admin")]));
        Assert.Equal("/", (await w.SignInAsync(admin, "admin")).Headers.Location!.OriginalString);
        var form = await admin.GetPageAsync("/Admin/Users/New");
        Assert.Null(form.QuerySelector("input[type=password]"));
        Assert.Contains("Contoso ID", form.QuerySelector("[data-testid=sso-only]")!.TextContent, StringComparison.Ordinal);

        var withPassword = await admin.PostFormValuesAsync("/Admin/Users/New", [new("Data.DisplayName", "Bob"), new("Data.Email", "bob@contoso.example"),
            new("Data.Password", AppFactory.Password), new("Data.Roles", Roles.FastTrackManager)]);
        Assert.Equal(HttpStatusCode.OK, withPassword.StatusCode);
        Assert.Contains("Passwords are turned off", (await withPassword.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, w.App.Scoped(db => db.Users.Count(u => u.Email == "bob@contoso.example")));

        var created = await admin.PostFormValuesAsync("/Admin/Users/New", [new("Data.DisplayName", "Bob"), new("Data.Email", "bob@contoso.example"), new("Data.Roles", Roles.FastTrackManager)]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Null(w.App.Scoped(db => db.Users.Single(u => u.Email == "bob@contoso.example").PasswordHash));
    }

    [Fact]
    public async Task With_local_passwords_off_the_first_run_setup_still_creates_the_first_admin()
    {
        var provider = await TestIdentityProvider.StartAsync();
        await using var _ = provider;
        using var app = new AppFactory();
        foreach (var (k, v) in provider.AppSettings()) app.Settings[k] = v;
        app.Settings["LocalPasswords"] = "false";
        var browser = app.Browser();
        Assert.Equal("/Setup", (await browser.GetAsync("/Account/SignIn")).Headers.Location!.OriginalString);
        var setup = await browser.PostFormAsync("/Setup", new()
        {
            ["Data.DisplayName"] = "First Admin", ["Data.Email"] = "first@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.ConfirmPassword"] = AppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users")).StatusCode);
    }
}
