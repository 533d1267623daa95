using System.Net;
using System.Text.RegularExpressions;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Account;
using FastTrack.Web.Tests.Alerts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Pages;

/// <summary>
/// "Forgot your password?": a reset link by mail through a real SMTP server on loopback (<see cref="SmtpSink"/>), the
/// link used once, the same answer for addresses without an account, and no link where the app sends no mail.
/// </summary>
public partial class PasswordResetTests
{
    private const string NewPassword = "a fresh and long passphrase";

    [GeneratedRegex(@"https://fasttrack\.test(/Account/ResetPassword\?user=[^\s]+&token=[^\s]+)")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task A_user_who_forgot_their_password_gets_a_link_by_mail_sets_a_new_one_and_the_link_then_stops_working()
    {
        using var sink = await SmtpSink.StartAsync();
        using var app = new AppFactory();
        app.UseMail(sink.Port);
        const string email = "forgetful@example.com";
        await app.CreateUserAsync(email, Roles.FastTrackManager);
        var before = await app.SignInAsync(email); // a session opened before the reset ends with it

        var signIn = await app.Browser().GetPageAsync("/Account/SignIn");
        Assert.Equal("/Account/ForgotPassword", signIn.QuerySelector("[data-testid=forgot-password]")?.GetAttribute("href"));
        var visitor = app.Browser();
        var asked = await visitor.PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = "  Forgetful@Example.com " });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Forgetful@Example.com has a FastTrack account", (await asked.HtmlAsync()).QuerySelector("[data-testid=reset-sent]")!.TextContent);

        Assert.Equal(1, await Mailing.SendAllAsync(app));
        var mail = Assert.Single(sink.Received());
        Assert.Equal([email], mail.To);
        Assert.Equal("Reset your FastTrack password", mail.Subject);
        var link = ResetLink().Match(mail.Body);
        Assert.True(link.Success, "The mail has the reset link: " + mail.Body);
        var path = link.Groups[1].Value;

        // Bad input on the reset form: a message on the field, nothing changed.
        var form = await visitor.GetPageAsync(path);
        var shortOne = await visitor.SubmitFormAsync(form, "/Account/ResetPassword", [new("Data.NewPassword", "short"), new("Data.ConfirmPassword", "short")]);
        Assert.Equal(HttpStatusCode.OK, shortOne.StatusCode);
        Assert.Equal("The password needs at least 12 characters.", (await shortOne.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.NewPassword']")?.TextContent.Trim());

        var reset = await visitor.SubmitFormAsync(form, "/Account/ResetPassword", [new("Data.NewPassword", NewPassword), new("Data.ConfirmPassword", NewPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/Account/SignIn?email=forgetful%40example.com", reset.Headers.Location!.OriginalString);
        Assert.Equal(1, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "PasswordReset")));

        Assert.Equal(HttpStatusCode.Redirect, (await before.GetAsync("/")).StatusCode); // the old session was ended
        var old = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);

        // The same link a second time: refused with a clear message, and the password stays the new one.
        var again = await app.Browser().PostFormAsync("/Account/ResetPassword", new() { ["Data.NewPassword"] = "yet another passphrase", ["Data.ConfirmPassword"] = "yet another passphrase" }, pageUrl: path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(ResetPassword.InvalidLink, (await again.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_disabled_addresses_get_the_same_answer_and_no_mail_and_a_second_request_soon_after_sends_no_second_mail()
    {
        using var sink = await SmtpSink.StartAsync();
        using var app = new AppFactory();
        app.UseMail(sink.Port);
        await app.CreateUserAsync("someone@example.com", Roles.Partner);
        var disabledId = await app.CreateUserAsync("gone@example.com", Roles.FastTrackManager);
        await app.DbAsync(async db =>
        {
            var u = await db.Users.AsTracking().SingleAsync(x => x.Id == disabledId);
            u.IsDisabled = true;
            await db.SaveChangesAsync();
        });

        var texts = new List<string>();
        foreach (var address in new[] { "nobody@example.com", "gone@example.com", "someone@example.com", "someone@example.com" })
        {
            var response = await app.Browser().PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = address });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            texts.Add((await response.HtmlAsync()).QuerySelector("[data-testid=reset-sent]")!.TextContent.Replace(address, "…", StringComparison.Ordinal));
        }
        Assert.Single(texts.Distinct());
        Assert.Equal(1, await Mailing.SendAllAsync(app));
        Assert.Equal(["someone@example.com"], Assert.Single(sink.Received()).To);
        Assert.Equal(4, app.Scoped(db => db.AuditEntries.Count(a => a.Action == RequestPasswordReset.RequestedAction)));

        var blank = await app.Browser().PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = "   " });
        Assert.Equal("Enter your e-mail address.", (await blank.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Email']")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_mail_is_in_the_users_language_and_one_address_asking_too_often_is_told_to_wait()
    {
        using var sink = await SmtpSink.StartAsync();
        using var app = new AppFactory();
        app.UseMail(sink.Port);
        var id = await app.CreateUserAsync("yuki@example.com", Roles.FastTrackManager);
        await app.DbAsync(async db =>
        {
            var u = await db.Users.AsTracking().SingleAsync(x => x.Id == id);
            u.Culture = "ja";
            await db.SaveChangesAsync();
        });
        var visitor = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = "yuki@example.com" })).StatusCode);
        Assert.Equal(1, await Mailing.SendAllAsync(app));
        var mail = Assert.Single(sink.Received());
        Assert.Equal("FastTrack のパスワードのリセット", mail.Subject);
        Assert.Matches(ResetLink(), mail.Body);

        for (var i = 1; i < RequestPasswordReset.PerAddressPerHour; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = $"guess{i}@example.com" })).StatusCode);
        var tooMany = await visitor.PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = "yuki@example.com" });
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
        Assert.Contains("Too many reset requests from here", (await tooMany.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(0, await Mailing.SendAllAsync(app));
    }

    [Fact]
    public async Task A_link_for_another_account_or_with_a_changed_token_is_refused_and_changes_nothing()
    {
        using var app = new AppFactory();
        var victim = await app.CreateUserAsync("victim@example.com", Roles.Admin);
        var attacker = await app.CreateUserAsync("attacker@example.com", Roles.Partner);
        string token;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<FastTrack.Domain.Users.AppUser>>();
            token = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(attacker))!);
        }
        var stamp = app.Scoped(db => db.Users.Single(u => u.Id == victim).SecurityStamp);
        foreach (var (user, t) in new[] { (victim, token), (attacker, token[..^4] + "AAAA"), ("no-such-user", token), (attacker, "") })
        {
            var response = await app.Browser().PostFormAsync("/Account/ResetPassword", new()
                { ["Data.UserId"] = user, ["Data.Token"] = t, ["Data.NewPassword"] = NewPassword, ["Data.ConfirmPassword"] = NewPassword },
                pageUrl: "/Account/ResetPassword?user=x&token=y");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(ResetPassword.InvalidLink, (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent);
        }
        Assert.Equal(stamp, app.Scoped(db => db.Users.Single(u => u.Id == victim).SecurityStamp));
        Assert.Equal(0, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "PasswordReset")));
    }

    [Fact]
    public async Task Without_mail_there_is_no_reset_link_and_asking_says_to_ask_an_administrator()
    {
        using var app = new AppFactory();
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        Assert.Null((await app.Browser().GetPageAsync("/Account/SignIn")).QuerySelector("[data-testid=forgot-password]"));
        var response = await app.Browser().PostFormAsync("/Account/ForgotPassword", new() { ["Data.Email"] = "fm@example.com" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ask an administrator to set a new one.", (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(0, app.Scoped(db => db.OutboxMails.Count()));
    }
}
