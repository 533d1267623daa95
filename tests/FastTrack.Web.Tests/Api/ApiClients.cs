using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastTrack.Data;
using FastTrack.Domain.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Api;

/// <summary>API clients of a test app: a token stored as an admin would issue it, and an HttpClient that sends it.</summary>
public static class ApiClients
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A token for <paramref name="userId"/> (as IssueToken stores it: only the hash); returns the token.</summary>
    public static async Task<string> TokenAsync(this AppFactory app, string userId, ApiTokenScope scope = ApiTokenScope.ReadWrite, DateTimeOffset? expiresAt = null)
    {
        using var scopeOfServices = app.Services.CreateScope();
        var db = scopeOfServices.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var now = DateTimeOffset.UtcNow;
        var (token, secret) = ApiToken.Issue(userId, "test " + Guid.NewGuid().ToString("N")[..6], scope, expiresAt ?? now.AddDays(30), "test", now);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return secret;
    }

    public static HttpClient ApiClient(this AppFactory app, string? token)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = app.BaseAddress });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpClient> ApiClientAsync(this AppFactory app, string userId, ApiTokenScope scope = ApiTokenScope.ReadWrite) =>
        app.ApiClient(await app.TokenAsync(userId, scope));

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);
}
