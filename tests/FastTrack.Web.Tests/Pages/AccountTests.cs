using System.Net;

namespace FastTrack.Web.Tests.Pages;

/// <summary>The first admin signed in by /Setup, a user's own password, and the partner user that needs an organisation first.</summary>
public class AccountTests
{
    [Fact]
    public async Task Setup_signs_the_first_admin_in()
    {
        using var app = new AppFactory();
        var browser = app.Browser();
        var created = await browser.PostFormAsync("/Setup", new()
        {
            ["Data.DisplayName"] = "Aiko Admin", ["Data.Email"] = "aiko@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.ConfirmPassword"] = AppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", created.Headers.Location!.OriginalString);
        var home = await browser.GetPageAsync("/");
        Assert.Equal("aiko@example.com", home.QuerySelector("[data-testid='current-user']")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_knowing_the_current_one()
    {
        using var app = new AppFactory();
        const string email = "fm@example.com";
        await app.CreateUserAsync(email, FastTrack.Domain.Catalogue.Roles.FastTrackManager);
        var fm = await app.SignInAsync(email);
        const string newPassword = "a brand new passphrase";

        var wrong = await fm.PostFormAsync("/Account/Profile", new()
            { ["Data.CurrentPassword"] = "not the password", ["Data.NewPassword"] = newPassword, ["Data.ConfirmPassword"] = newPassword });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("The current password is not right.", (await wrong.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.CurrentPassword']")?.TextContent.Trim());
        var mismatch = await fm.PostFormAsync("/Account/Profile", new()
            { ["Data.CurrentPassword"] = AppFactory.Password, ["Data.NewPassword"] = newPassword, ["Data.ConfirmPassword"] = "something else entirely" });
        Assert.Equal("The two passwords do not match.", (await mismatch.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.ConfirmPassword']")?.TextContent.Trim());

        var changed = await fm.PostFormAsync("/Account/Profile", new()
            { ["Data.CurrentPassword"] = AppFactory.Password, ["Data.NewPassword"] = newPassword, ["Data.ConfirmPassword"] = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fm.GetAsync("/")).StatusCode); // this session stays signed in

        var old = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await app.Browser().PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = newPassword });
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    [Fact]
    public async Task The_new_user_form_says_a_partner_needs_an_organisation_and_links_to_it()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var page = await admin.GetPageAsync("/Admin/Users/New");
        var hint = page.QuerySelector("[data-testid='no-organisations']");
        Assert.NotNull(hint);
        Assert.Equal("/Admin/Organisations", hint!.QuerySelector("a")?.GetAttribute("href"));

        await app.OrganisationAsync("Fabrikam");
        Assert.Null((await admin.GetPageAsync("/Admin/Users/New")).QuerySelector("[data-testid='no-organisations']"));
    }
}
