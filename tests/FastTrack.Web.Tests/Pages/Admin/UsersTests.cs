using System.Net;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages.Admin;

public class UsersTests
{
    [Fact]
    public async Task Admin_creates_a_manager_who_can_then_sign_in()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();

        var invalid = await admin.PostFormAsync("/Admin/Users/New", new() { ["Data.DisplayName"] = "", ["Data.Email"] = "not-an-email", ["Data.Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var page = await invalid.HtmlAsync();
        Assert.Contains("Enter the person's name.", page.QuerySelector("[data-valmsg-for='Data.DisplayName']")!.TextContent);
        Assert.Contains("valid e-mail", page.QuerySelector("[data-valmsg-for='Data.Email']")!.TextContent);
        Assert.Contains("12 characters", page.QuerySelector("[data-valmsg-for='Data.Password']")!.TextContent);
        Assert.Contains("at least one role", page.QuerySelector("[data-valmsg-for='Data.Roles']")!.TextContent);
        Assert.Equal(1, app.Scoped(db => db.Users.Count()));

        var created = await admin.PostFormAsync("/Admin/Users/New", new()
        {
            ["Data.DisplayName"] = "Frank Manager", ["Data.Email"] = "frank@example.com", ["Data.Password"] = AppFactory.Password, ["Data.Roles"] = Roles.FastTrackManager,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetPageAsync("/Admin/Users");
        Assert.Contains("frank@example.com", list.QuerySelector("table")!.TextContent);
        Assert.True(app.Scoped(db => db.AuditEntries.Any(a => a.Action == "UserCreated" && a.ChangesJson.Contains("frank@example.com"))));

        var frank = app.Browser();
        var signIn = await frank.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "frank@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frank.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frank.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_refuses_their_next_sign_in()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var id = await app.CreateUserAsync("pat@example.com", Roles.Partner);

        var saved = await admin.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(app.Scoped(db => db.Users.Single(u => u.Id == id).IsDisabled));

        var pat = app.Browser();
        var signIn = await pat.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = "pat@example.com", ["Data.Password"] = AppFactory.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("disabled", (await signIn.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent);
    }

    [Fact]
    public async Task Non_admins_cannot_reach_user_admin_and_forged_posts_change_nothing()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await fm.GetAsync("/Admin/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fm.GetAsync("/Admin/Users/New")).StatusCode);
        var home = await fm.GetPageAsync("/");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await fm.PostAsync("/Admin/Users/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Data.DisplayName"] = "Eve", ["Data.Email"] = "eve@example.com",
            ["Data.Password"] = AppFactory.Password, ["Data.Roles"] = Roles.Admin,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(app.Scoped(db => db.Users.Any(u => u.Email == "eve@example.com")));
    }

    [Fact]
    public async Task Second_admin_editing_the_same_user_is_told()
    {
        using var app = new AppFactory();
        var first = await app.AdminAsync();
        var second = await app.AdminAsync();
        var id = await app.CreateUserAsync("sam@example.com", Roles.Partner);

        var secondForm = await second.GetPageAsync($"/Admin/Users/{id}/Edit");
        var staleStamp = secondForm.QuerySelector("input[name='Data.ConcurrencyStamp']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.DisplayName"] = "Sam First" })).StatusCode);

        var conflict = await second.PostFormAsync($"/Admin/Users/{id}/Edit", new() { ["Data.DisplayName"] = "Sam Second", ["Data.ConcurrencyStamp"] = staleStamp });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await conflict.HtmlAsync();
        Assert.Contains("Someone else changed this user", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal("Sam Second", page.QuerySelector("input[name='Data.DisplayName']")!.GetAttribute("value"));
        Assert.Equal("Sam First", app.Scoped(db => db.Users.Single(u => u.Id == id).DisplayName));
    }
}
