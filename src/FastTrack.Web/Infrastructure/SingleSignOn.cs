using System.Security.Claims;
using FastTrack.Common;
using FastTrack.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// The "Sso" settings: one OpenID Connect provider per deployment (Entra ID or any standard provider), and how its claims
/// map to the app's role and partner organisation (README, "Single sign-on"; docs/decisions/0018-single-sign-on.md).
/// </summary>
public sealed class SsoSettings
{
    public const string Section = "Sso";

    public bool Enabled { get; set; }
    /// <summary>The issuer's base address, e.g. https://login.microsoftonline.com/{tenant}/v2.0 (its metadata is read from there).</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    /// <summary>Never logged nor shown; keep it in a secret store or an environment variable (Sso__ClientSecret).</summary>
    public string? ClientSecret { get; set; }
    /// <summary>The button's text: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your company account";
    public string Scopes { get; set; } = "openid profile email";
    public string SubjectClaim { get; set; } = "sub";
    public string EmailClaim { get; set; } = "email";
    public string NameClaim { get; set; } = "name";
    /// <summary>The claim that carries roles or groups ("roles" for Entra ID app roles, "groups" for group ids).</summary>
    public string? RoleClaim { get; set; }
    /// <summary>Claim value → app role (Admin, FastTrackManager, Partner). Of several, the first of Admin, FastTrackManager, Partner wins.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];
    /// <summary>The claim that names a Partner's organisation.</summary>
    public string? OrganisationClaim { get; set; }
    /// <summary>Claim value → partner organisation name; a value not listed is taken as the organisation's name.</summary>
    public Dictionary<string, string> Organisations { get; set; } = [];
    public SsoSignIn.NewUsers NewUsers { get; set; } = SsoSignIn.NewUsers.Approve;
    /// <summary>Only a provider on loopback (tests, a developer's machine) may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The first setting the app cannot work with, as (key, problem).</summary>
    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            yield return ("Sso:Authority", "must be the provider's absolute address, e.g. https://login.microsoftonline.com/{tenant}/v2.0");
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
            yield return ("Sso:Authority", "must use https (set Sso:RequireHttpsMetadata to false only for a provider on loopback)");
        if (string.IsNullOrWhiteSpace(ClientId)) yield return ("Sso:ClientId", "is required: the application (client) id registered at the provider");
        if (string.IsNullOrWhiteSpace(ClientSecret)) yield return ("Sso:ClientSecret", "is required: the client secret registered at the provider");
        foreach (var (value, role) in Roles)
            if (!Domain.Catalogue.Roles.All.Contains(role))
                yield return ($"Sso:Roles:{value}", $"must map to one of {string.Join(", ", Domain.Catalogue.Roles.All)}");
        if (NewUsers == SsoSignIn.NewUsers.Create && (string.IsNullOrWhiteSpace(RoleClaim) || Roles.Count == 0))
            yield return ("Sso:NewUsers", "Create needs Sso:RoleClaim and Sso:Roles to give new users their role (or use Approve)");
    }

    /// <summary>The role the claims map to: of several, the first of Admin, FastTrackManager, Partner.</summary>
    public string? MappedRole(ClaimsPrincipal principal)
    {
        if (string.IsNullOrWhiteSpace(RoleClaim)) return null;
        var mapped = principal.FindAll(RoleClaim).Select(c => Roles.TryGetValue(c.Value, out var r) ? r : null).OfType<string>().ToHashSet();
        return Domain.Catalogue.Roles.All.FirstOrDefault(mapped.Contains);
    }

    public string? MappedOrganisation(ClaimsPrincipal principal)
    {
        if (string.IsNullOrWhiteSpace(OrganisationClaim) || principal.FindFirst(OrganisationClaim)?.Value is not { Length: > 0 } value) return null;
        return Organisations.TryGetValue(value, out var name) ? name : value;
    }
}

/// <summary>Whether local passwords are on ("LocalPasswords", default true) and SSO's button, for the pages.</summary>
public sealed record SignInChoices(bool LocalPasswords, bool Sso, string SsoDisplayName);

/// <summary>Wires the OpenID Connect handler: authorization code flow with PKCE, the callback mapped by <see cref="SsoSignIn"/>.</summary>
public static class SingleSignOn
{
    public const string Scheme = "sso";
    public const string CallbackPath = "/signin-oidc";

    public static void AddFastTrackSso(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SsoSettings.Section).Get<SsoSettings>() ?? new();
        if (settings.Problems().ToList() is [var (key, problem), ..]) throw new InvalidSettingException(key, problem);
        var localPasswords = builder.Configuration.GetValue("LocalPasswords", true);
        if (!localPasswords && !settings.Enabled)
            throw new InvalidSettingException("LocalPasswords", "can be false only when single sign-on is configured (Sso:Enabled and its settings)");
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new SignInChoices(localPasswords, settings.Enabled, settings.DisplayName));
        builder.Services.Configure<FastTrack.Features.Account.SignInOptions>(o => o.LocalPasswords = localPasswords);
        if (!settings.Enabled) return;

        var development = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, settings.DisplayName, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.ResponseType = "code";
            o.UsePkce = true;
            // The code comes back on a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax.
            o.ResponseMode = "query";
            o.CallbackPath = CallbackPath;
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            // Issuer (from the provider's metadata), audience (the client id), signature (its published keys) and lifetime
            // are validated by the handler; these say so explicitly.
            o.TokenValidationParameters.ValidateIssuer = true;
            o.TokenValidationParameters.ValidateAudience = true;
            o.TokenValidationParameters.ValidateLifetime = true;
            o.TokenValidationParameters.ValidateIssuerSigningKey = true;
            o.TokenValidationParameters.RequireSignedTokens = true;
            o.TokenValidationParameters.NameClaimType = settings.NameClaim;
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            }
            o.Events.OnTicketReceived = OnTicketReceivedAsync;
            o.Events.OnRemoteFailure = OnRemoteFailureAsync;
            o.Events.OnAccessDenied = async context =>
            {
                await RefuseAsync(context.HttpContext, "cancelled");
                context.HandleResponse();
            };
        });
    }

    /// <summary>The provider's answer passed validation: map it to the app's user (or the queue) and sign in with the app's cookie.</summary>
    private static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<SsoSettings>();
        var principal = context.Principal!;
        var subject = principal.FindFirst(settings.SubjectClaim);
        context.HandleResponse();
        if (subject is null || string.IsNullOrWhiteSpace(subject.Value))
        {
            await RefuseAsync(http, "subject");
            return;
        }
        var issuer = principal.FindFirst("iss")?.Value ?? subject.Issuer;
        var outcome = await http.RequestServices.GetRequiredService<IMediator>().Send(new SsoSignIn.Command(issuer, subject.Value,
            principal.FindFirst(settings.EmailClaim)?.Value, principal.FindFirst(settings.NameClaim)?.Value, settings.MappedRole(principal),
            settings.MappedOrganisation(principal), settings.NewUsers, http.Connection.RemoteIpAddress?.ToString()), http.RequestAborted);
        switch (outcome)
        {
            case SsoSignIn.Outcome.Succeeded:
                var target = context.Properties?.RedirectUri;
                http.Response.Redirect(target is { Length: > 0 } && target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal)
                    && !target.StartsWith("/\\", StringComparison.Ordinal) ? target : "/");
                break;
            case SsoSignIn.Outcome.Pending:
                http.Response.Redirect("/Account/Pending");
                break;
            default:
                http.Response.Redirect("/Account/SignIn?sso=" + Code(outcome));
                break;
        }
    }

    private static string Code(SsoSignIn.Outcome outcome) => outcome switch
    {
        SsoSignIn.Outcome.Rejected => "rejected",
        SsoSignIn.Outcome.Disabled => "disabled",
        SsoSignIn.Outcome.MissingEmail => "email",
        SsoSignIn.Outcome.MissingRole => "role",
        SsoSignIn.Outcome.UnknownOrganisation => "organisation",
        _ => "failed",
    };

    /// <summary>
    /// The provider's answer failed validation (or the correlation): recorded, and the person is told in plain words on the
    /// sign-in page, never a 500. The exception's message is not logged (it can quote the token).
    /// </summary>
    private static async Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        await RefuseAsync(context.HttpContext, Reason(context.Failure));
    }

    internal static string Reason(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SecurityTokenExpiredException: return "expired";
                case SecurityTokenInvalidAudienceException: return "audience";
                case SecurityTokenInvalidIssuerException: return "issuer";
                case SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException: return "signature";
            }
        }
        return "failed";
    }

    private static async Task RefuseAsync(HttpContext http, string reason)
    {
        await http.RequestServices.GetRequiredService<IMediator>().Send(new RecordSsoRefusal.Command(reason, http.Connection.RemoteIpAddress?.ToString()));
        http.Response.Redirect("/Account/SignIn?sso=" + reason);
    }
}
