using System.Security.Claims;
using FastTrack.Common.Security;

namespace FastTrack.Web.Infrastructure;

/// <summary>The signed-in principal of the current HTTP request, as the core layer sees it.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? Id => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => IsAuthenticated ? Principal!.Identity!.Name ?? "" : "anonymous";
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public int? PartnerOrganisationId =>
        int.TryParse(Principal?.FindFirstValue(PartnerClaims.Organisation), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>
/// Puts a partner's organisation into the sign-in cookie (protected, so it cannot be forged), where the query
/// filters read it as a parameter. It is rebuilt whenever the security stamp is validated; changing a user's
/// organisation renews the stamp, which ends their session.
/// </summary>
internal sealed class PartnerClaims(
    Microsoft.AspNetCore.Identity.UserManager<Domain.Users.AppUser> users,
    Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> options)
    : Microsoft.AspNetCore.Identity.UserClaimsPrincipalFactory<Domain.Users.AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    public const string Organisation = "ft:partner-organisation";
    /// <summary>A Partner who manages their organisation's API tokens (the use cases check the database again).</summary>
    public const string OrganisationAdmin = "ft:organisation-admin";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Domain.Users.AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.PartnerOrganisationId is int org)
            identity.AddClaim(new Claim(Organisation, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (user.PartnerOrganisationId is not null && user.IsOrganisationAdmin)
            identity.AddClaim(new Claim(OrganisationAdmin, "true"));
        return identity;
    }
}
