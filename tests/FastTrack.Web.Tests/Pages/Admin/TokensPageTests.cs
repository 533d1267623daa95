using System.Net;
using FastTrack.Domain.Catalogue;
using FastTrack.Web.Tests.Api;

namespace FastTrack.Web.Tests.Pages.Admin;

/// <summary>/Admin/Tokens through real forms: issue (shown once), the API accepts it, revoke and rotate take effect at once.</summary>
public sealed class TokensPageTests
{
    [Fact]
    public async Task An_admin_issues_a_token_shown_once_that_the_api_accepts_then_rotates_and_revokes_it()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var fmId = await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var expires = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd");

        var issued = await (await admin.PostFormAsync("/Admin/Tokens", new()
        {
            ["Data.UserId"] = fmId, ["Data.Name"] = "PSA sync", ["Data.Scope"] = "ReadWrite", ["Data.ExpiresOn"] = expires,
        })).HtmlAsync();
        var secret = issued.QuerySelector("[data-testid=token-secret]")?.TextContent.Trim();
        Assert.NotNull(secret);
        Assert.StartsWith("ftk_", secret);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(secret).GetAsync("/api/v1/engagements")).StatusCode);

        // Never shown again, nor stored: the list shows its first characters only.
        var list = await admin.GetPageAsync("/Admin/Tokens");
        Assert.DoesNotContain(secret, list.Source.Text);
        Assert.Contains(secret[..10], list.QuerySelector("[data-testid=tokens]")!.TextContent);
        Assert.False(app.Scoped(db => db.ApiTokens.Any(t => t.Hash == secret || t.Hint == secret)));
        Assert.False(app.Scoped(db => db.AuditEntries.Any(a => a.ChangesJson.Contains(secret) || (a.Summary ?? "").Contains(secret))));
        Assert.True(app.Scoped(db => db.AuditEntries.Any(a => a.Action == "ApiTokenIssued")));

        var id = app.Scoped(db => db.ApiTokens.Single().Id);
        var rotated = await (await admin.PostFormAsync($"/Admin/Tokens?handler=Rotate&id={id}", [], "/Admin/Tokens",
            $"form[action*='handler=Rotate'][action*='id={id}']")).HtmlAsync();
        var second = rotated.QuerySelector("[data-testid=token-secret]")!.TextContent.Trim();
        Assert.NotEqual(secret, second);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(secret).GetAsync("/api/v1/engagements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ApiClient(second).GetAsync("/api/v1/engagements")).StatusCode);

        var secondId = app.Scoped(db => db.ApiTokens.Max(t => t.Id));
        var revoked = await admin.PostFormAsync($"/Admin/Tokens?handler=Revoke&id={secondId}", [], "/Admin/Tokens",
            $"form[action*='handler=Revoke'][action*='id={secondId}']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient(second).GetAsync("/api/v1/engagements")).StatusCode);
        Assert.True(app.Scoped(db => db.AuditEntries.Count(a => a.Action == "ApiTokenRevoked")) == 2);
    }

    [Fact]
    public async Task A_token_without_name_or_with_a_past_expiry_is_refused_next_to_its_fields_and_nothing_is_issued()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var fmId = await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var page = await (await admin.PostFormAsync("/Admin/Tokens", new()
        {
            ["Data.UserId"] = fmId, ["Data.Name"] = "", ["Data.Scope"] = "Read", ["Data.ExpiresOn"] = "2020-01-01",
        })).HtmlAsync();
        Assert.Equal("Name the token (what uses it).", page.QuerySelector("[data-valmsg-for='Data.Name']")!.TextContent.Trim());
        Assert.Equal("The expiry must be in the future.", page.QuerySelector("[data-valmsg-for='Data.ExpiresOn']")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-testid=token-secret]"));
        Assert.False(app.Scoped(db => db.ApiTokens.Any()));
    }
}
