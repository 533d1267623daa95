using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Pages;

public class SetupAndSignInTests
{
    [Fact]
    public async Task First_run_goes_to_setup_creates_the_admin_and_setup_closes_for_ever()
    {
        using var app = new AppFactory();
        var browser = app.Browser();

        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        var signIn = await browser.GetAsync(home.Headers.Location!.OriginalString);
        Assert.Equal("/Setup", signIn.Headers.Location!.OriginalString);

        var mismatch = await browser.PostFormAsync("/Setup", new()
        {
            ["Data.DisplayName"] = "Aiko Admin", ["Data.Email"] = "aiko@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.ConfirmPassword"] = "something else entirely",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("The two passwords do not match.", (await mismatch.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.ConfirmPassword']")!.TextContent);
        Assert.Equal(0, app.Scoped(db => db.Users.Count()));

        var shortPassword = await browser.PostFormAsync("/Setup", new()
        {
            ["Data.DisplayName"] = "Aiko Admin", ["Data.Email"] = "aiko@example.com",
            ["Data.Password"] = "short", ["Data.ConfirmPassword"] = "short",
        });
        Assert.Contains("12", (await shortPassword.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Password']")!.TextContent);

        var created = await browser.PostFormAsync("/Setup", new()
        {
            ["Data.DisplayName"] = "Aiko Admin", ["Data.Email"] = "aiko@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.ConfirmPassword"] = AppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(1, app.Scoped(db => db.Users.Count()));
        Assert.True(app.Scoped(db => db.UserRoles.Any()));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync("/Setup")).StatusCode);
        var again = await app.Browser().PostAsync("/Setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.DisplayName"] = "Mallory", ["Data.Email"] = "mallory@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.ConfirmPassword"] = AppFactory.Password,
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, app.Scoped(db => db.Users.Count()));

        var signedIn = await browser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "aiko@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var browser = app.Browser();
        var response = await browser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = "not the password at all" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right.", (await response.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var response = await app.Browser().PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        using var app = new AppFactory();
        var body = await app.Browser().GetStringAsync("/health");
        Assert.Contains("\"database\":\"Healthy\"", body);
    }
}

public class SignInThrottlingTests
{
    [Fact]
    public async Task Repeated_failures_from_one_address_answer_429_but_never_lock_the_account()
    {
        using var factory = new AppFactory();
        var clock = new FastTrack.Web.Tests.Security.SettableClock();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        await factory.CreateUserAsync("fm@example.com", FastTrack.Domain.Catalogue.Roles.FastTrackManager);
        var guesser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < FastTrack.Features.Account.SignIn.Limits.PerAccountAndAddress; i++)
        {
            var wrong = await guesser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = $"wrong guess number {i}" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var throttled = await guesser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many failed attempts", (await throttled.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent);

        Assert.Equal(FastTrack.Features.Account.SignIn.Limits.PerAccountAndAddress,
            factory.Scoped(db => db.AuditEntries.Count(a => a.Action == "SignInFailed" && a.EntityId == "FM@EXAMPLE.COM")));
        Assert.True(factory.Scoped(db => db.AuditEntries.Any(a => a.Action == "SignInThrottled")));
        Assert.False(factory.Scoped(db => db.Users.Single(u => u.Email == "fm@example.com").LockoutEnd.HasValue));

        // A slow-down, not a lock: after the wait it names, the right password signs in.
        clock.Now += throttled.Headers.RetryAfter!.Delta!.Value;
        var signedIn = await guesser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Each_sign_in_is_audited_without_the_password()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", FastTrack.Domain.Catalogue.Roles.FastTrackManager);
        var browser = app.Browser();
        await browser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = "a wrong password here" });
        await browser.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password });
        var rows = app.Scoped(db => db.AuditEntries.Where(a => a.EntityType == "SignIn").OrderBy(a => a.Id).ToList());
        Assert.Equal(["SignInFailed", "SignInSucceeded"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.DoesNotContain("password", r.ChangesJson + r.Summary, StringComparison.OrdinalIgnoreCase));
        var logs = Directory.GetFiles(Path.Combine(app.Database.Folder, "logs")).Select(File.ReadAllText).ToList();
        Assert.NotEmpty(logs);
        Assert.All(logs, l => Assert.DoesNotContain(AppFactory.Password, l));
        Assert.All(logs, l => Assert.DoesNotContain("a wrong password here", l));
    }
}
