using System.Net;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using FastTrack.Web.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Api;

/// <summary>Who the API lets in: a valid token only (checked on every request), never a sign-in cookie; a per-token rate limit.</summary>
public sealed class ApiTokenTests
{
    [Fact]
    public async Task Without_a_token_the_api_answers_401_problem_details_and_a_sign_in_cookie_does_not_authenticate_it()
    {
        using var app = new AppFactory();
        var anonymous = await app.ApiClient(null).GetAsync("/api/v1/engagements");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", anonymous.Headers.WwwAuthenticate.ToString());

        var browser = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/engagements")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/api/v1/engagements/1/notes",
            new StringContent("{\"text\":\"x\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ApiClient("ftk_notatoken").GetAsync("/api/v1/engagements")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ApiClient(null).GetAsync("/api/v2/nothing")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_expired_token_or_a_disabled_user_is_refused_on_the_next_request()
    {
        await using var w = await PageWorld.CreateAsync();
        var token = await w.App.TokenAsync(w.FmId);
        var client = w.App.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/engagements")).StatusCode);
        await Revoke(w.App, token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/engagements")).StatusCode);

        var expiring = await w.App.TokenAsync(w.FmId, expiresAt: DateTimeOffset.UtcNow.AddSeconds(2));
        var soon = w.App.ApiClient(expiring);
        Assert.Equal(HttpStatusCode.OK, (await soon.GetAsync("/api/v1/engagements")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await soon.GetAsync("/api/v1/engagements")).StatusCode);

        var partner = w.App.ApiClient(await w.App.TokenAsync(w.PartnerAAssignedId));
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/engagements")).StatusCode);
        using (var scope = w.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(w.PartnerAAssignedId);
            user!.IsDisabled = true;
            await users.UpdateAsync(user);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/v1/engagements")).StatusCode);
    }

    [Fact]
    public async Task A_read_only_token_reads_but_may_not_write()
    {
        await using var w = await PageWorld.CreateAsync();
        var reader = await w.App.ApiClientAsync(w.FmId, ApiTokenScope.Read);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/engagements/{w.EngagementA}")).StatusCode);
        var write = await reader.PostJsonAsync($"/api/v1/engagements/{w.EngagementA}/notes", new { text = "from a read-only token" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("This token may only read: issue a token with the read and write scope.", (await write.JsonAsync()).GetProperty("detail").GetString());
        Assert.False(w.App.Scoped(db => db.AuditEntries.Any(a => a.Action == "NoteAdded")));
    }

    [Fact]
    public async Task Each_token_has_its_own_rate_limit_answered_with_429_and_retry_after()
    {
        using var app = new AppFactory();
        app.Settings["Api:RateLimit:PermitsPerMinute"] = "3";
        var fm = await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var first = await app.ApiClientAsync(fm);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/engagements")).StatusCode);
        var limited = await first.GetAsync("/api/v1/engagements");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var second = await app.ApiClientAsync(fm);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/engagements")).StatusCode);
    }

    [Fact]
    public void Only_the_hash_of_a_token_is_stored()
    {
        var (token, secret) = ApiToken.Issue("u1", "PSA sync", ApiTokenScope.Read, DateTimeOffset.UtcNow.AddDays(1), "admin", DateTimeOffset.UtcNow);
        Assert.StartsWith(ApiToken.Prefix, secret);
        Assert.True(secret.Length >= 40);
        Assert.Equal(64, token.Hash.Length);
        Assert.DoesNotContain(secret, token.Hash + token.Hint + token.Name);
        Assert.Equal(ApiToken.HashOf(secret), token.Hash);
        Assert.NotEqual(secret, ApiToken.Issue("u1", "PSA sync", ApiTokenScope.Read, DateTimeOffset.UtcNow.AddDays(1), "admin", DateTimeOffset.UtcNow).Secret);
    }

    private static async Task Revoke(AppFactory app, string secret)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.AsTracking().SingleAsync(t => t.Hash == hash);
        token.Revoke("test", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }
}
