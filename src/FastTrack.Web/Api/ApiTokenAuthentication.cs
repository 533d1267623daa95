using System.Security.Claims;
using System.Text.Encodings.Web;
using FastTrack.Domain.Users;
using FastTrack.Features.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Api;

/// <summary>
/// <c>Authorization: Bearer ftk_…</c> on /api: the token's user with their roles and partner organisation (the same
/// claims as their sign-in cookie), plus the token's id and scope. Checked against the database on every request.
/// The only scheme /api accepts: a sign-in cookie never authenticates an API call (no antiforgery there).
/// </summary>
internal sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenAuthentication tokens, IUserClaimsPrincipalFactory<AppUser> principals, ApiProblemWriter problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenClaim = "ft:token";
    public const string ScopeClaim = "ft:scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var found = await tokens.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("The token is not valid, or was revoked, or has expired.");
        var made = await principals.CreateAsync(found.User);
        var claims = made.Claims.ToList();
        claims.Add(new Claim(TokenClaim, found.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        claims.Add(new Claim(ScopeClaim, found.Scope.ToString()));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Send a valid API token: Authorization: Bearer <token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your role may not do this.");

    public static bool CanWrite(ClaimsPrincipal user) => user.FindFirstValue(ScopeClaim) == nameof(ApiTokenScope.ReadWrite);
}
