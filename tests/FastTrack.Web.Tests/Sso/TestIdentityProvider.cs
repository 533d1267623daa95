using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace FastTrack.Web.Tests.Sso;

/// <summary>How the provider spoils the id token it issues for a person (to prove the app refuses each).</summary>
public enum TokenFault { None, WrongAudience, Expired, TamperedSignature }

/// <summary>A person the provider knows: their subject and the claims it puts into their id token.</summary>
public sealed record ProviderUser(string Username, string Subject, IReadOnlyList<(string Type, string Value)> Claims, TokenFault Fault = TokenFault.None);

/// <summary>
/// A real OpenID Connect provider on a free loopback port: OpenIddict's server (authorization code flow with PKCE,
/// discovery, JWKS, signed id tokens) in degraded mode, with this class's handlers standing in for the client store.
/// Its sign-in page asks for a user name; the users and the faults of their tokens are set by the tests.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "fasttrack-tests";
    public const string ClientSecret = "test-client-secret-not-a-real-one";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ProviderUser> _users = new(StringComparer.OrdinalIgnoreCase);

    public Uri Issuer { get; }

    /// <summary>The redirect URIs the client may use (the app's /signin-oidc on the test server or its real port).</summary>
    public ConcurrentBag<string> RedirectUris { get; } = [];

    /// <summary>How many id tokens the token endpoint issued.</summary>
    public int TokensIssued => _tokensIssued;
    private int _tokensIssued;

    private TestIdentityProvider(WebApplication app, Uri issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    public void Add(ProviderUser user) => _users[user.Username] = user;

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var port = FreePort();
        var issuer = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(issuer.ToString());
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(issuer);
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            // No application or token store: these handlers check the one client, and codes are self-contained.
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();

            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (!self!.RedirectUris.Contains(context.RedirectUri ?? "")) context.Reject(Errors.InvalidRequest, "Unknown redirect_uri.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                return default;
            }));
            // The faults: set on the id token's principal after OpenIddict prepared it (audience, dates), before it is signed.
            o.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(b => b.UseInlineHandler(context =>
            {
                if (context.IdentityTokenPrincipal is not { } principal) return default;
                var fault = self!.FaultOf(principal.GetClaim(Claims.Subject));
                if (fault == TokenFault.WrongAudience) principal.SetAudiences("another-application");
                if (fault == TokenFault.Expired)
                {
                    principal.SetCreationDate(DateTimeOffset.UtcNow.AddHours(-3));
                    principal.SetExpirationDate(DateTimeOffset.UtcNow.AddHours(-2));
                }
                return default;
            }).SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 1));
            // A tampered signature: one character of the signed token's signature changed on the way out.
            o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(b => b.UseInlineHandler(context =>
            {
                if (context.Response.IdToken is not { } token) return default;
                Interlocked.Increment(ref self!._tokensIssued);
                var payload = token.Split('.')[1];
                var subject = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.Decode(payload)).RootElement.GetProperty("sub").GetString();
                if (self.FaultOf(subject) == TokenFault.TamperedSignature)
                {
                    var middle = token.LastIndexOf('.') + 10;
                    context.Response.IdToken = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
                }
                return default;
            }).SetOrder(int.MinValue + 100_000));
        });
        var app = builder.Build();
        self = new TestIdentityProvider(app, issuer);
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)(Func<HttpContext, Task<IResult>>)self.AuthorizeAsync);
        await app.StartAsync();
        return self;
    }

    private TokenFault FaultOf(string? subject) => _users.Values.FirstOrDefault(u => u.Subject == subject)?.Fault ?? TokenFault.None;

    /// <summary>The sign-in page (GET, or a POST without a user name) and, with a known user name, the sign-in.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var username = HttpMethods.IsPost(http.Request.Method) ? (await http.Request.ReadFormAsync())["username"].ToString() : "";
        if (username.Length > 0 && _users.TryGetValue(username, out var user))
        {
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject);
            foreach (var (type, value) in user.Claims) identity.AddClaim(new Claim(type, value));
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            var principal = new ClaimsPrincipal(identity);
            principal.SetScopes(request.GetScopes());
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>Test provider</title><link rel=\"icon\" href=\"data:,\" /></head><body><h1>Test identity provider</h1>");
        if (username.Length > 0) html.Append("<p role=\"alert\">Unknown user.</p>");
        html.Append("<form method=\"post\" action=\"/connect/authorize\">");
        foreach (var parameter in request.GetParameters())
            html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(parameter.Key)}\" value=\"{WebUtility.HtmlEncode(parameter.Value.ToString())}\" />");
        html.Append("<label for=\"username\">User name</label> <input id=\"username\" name=\"username\" /> <button type=\"submit\">Sign in</button></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The app's settings for this provider.</summary>
    public Dictionary<string, string> AppSettings(string newUsers = "Create") => new()
    {
        ["Sso:Enabled"] = "true",
        ["Sso:Authority"] = Issuer.ToString(),
        ["Sso:ClientId"] = ClientId,
        ["Sso:ClientSecret"] = ClientSecret,
        ["Sso:RequireHttpsMetadata"] = "false",
        ["Sso:DisplayName"] = "Contoso ID",
        ["Sso:RoleClaim"] = "roles",
        ["Sso:Roles:FastTrack.Admin"] = "Admin",
        ["Sso:Roles:FastTrack.Manager"] = "FastTrackManager",
        ["Sso:Roles:FastTrack.Partner"] = "Partner",
        ["Sso:OrganisationClaim"] = "partner_org",
        ["Sso:NewUsers"] = newUsers,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
