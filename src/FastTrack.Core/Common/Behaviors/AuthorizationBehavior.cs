using System.Reflection;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Common.Behaviors;

/// <summary>
/// Refuses a request its caller may not send. A request that declares nothing is refused too, so a
/// use case added later without a rule fails closed. A request marked <see cref="PartnerIfAssignedAttribute"/>
/// is also open to a Partner assigned to its engagement: an engagement outside the Partner's organisation is
/// not found (404, nothing revealed), one of their organisation they are not assigned to is forbidden.
/// </summary>
internal sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser user, FastTrackDbContext db) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!Check(typeof(TRequest), user))
        {
            if (AccessRules.For(typeof(TRequest)).PartnerIfOrganisationAdmin) await CheckOrganisationAdminAsync(cancellationToken);
            else await CheckAssignedPartnerAsync(request, cancellationToken);
        }
        return await next();
    }

    /// <summary>True when the caller may send the request by its role alone; false when only an assignment can allow it.</summary>
    internal static bool Check(Type requestType, ICurrentUser user)
    {
        var rule = AccessRules.For(requestType);
        if (rule.Anonymous) return true;
        if (!user.IsAuthenticated) throw new ForbiddenException("Sign in first.");
        if (rule.AnySignedIn) return true;
        var roles = rule.Roles ?? throw new ForbiddenException($"{requestType.FullName} declares no access rule.");
        if (roles.Any(user.IsInRole)) return true;
        if ((rule.PartnerIfAssigned || rule.PartnerIfOrganisationAdmin) && user.IsInRole(Roles.Partner)) return false;
        throw new ForbiddenException("Your role may not do this.");
    }

    /// <summary>The flag is read from the database, not the cookie: taking it away holds at the next request.</summary>
    private async Task CheckOrganisationAdminAsync(CancellationToken ct)
    {
        var organisation = user.PartnerOrganisationId;
        if (organisation is null || !await db.Users.AnyAsync(u => u.Id == user.Id && u.IsOrganisationAdmin && !u.IsDisabled
                && u.PartnerOrganisationId == organisation, ct))
            throw new ForbiddenException("Only an admin or your organisation's admin may do this.");
    }

    private async Task CheckAssignedPartnerAsync(TRequest request, CancellationToken ct)
    {
        var engagementId = ((IEngagementRequest)request!).EngagementId;
        // The query filters scope both reads to the Partner's organisation.
        if (!await db.Engagements.AnyAsync(e => e.Id == engagementId, ct)) throw new NotFoundException("Engagement");
        if (!await db.EngagementPartnerAssignments.AnyAsync(a => a.EngagementId == engagementId && a.UserId == user.Id, ct))
            throw new ForbiddenException("Only the partner staff assigned to this engagement may change it.");
    }
}

/// <summary>A request type's access declaration, read by reflection once per type rather than on every request.</summary>
internal sealed record AccessRules(bool Anonymous, bool AnySignedIn, IReadOnlyList<string>? Roles, bool PartnerIfAssigned, bool PartnerIfOrganisationAdmin)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, AccessRules> Cache = new();

    public static AccessRules For(Type requestType) => Cache.GetOrAdd(requestType, t => new AccessRules(
        t.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null,
        t.GetCustomAttribute<AnySignedInUserAttribute>() is not null,
        t.GetCustomAttribute<AllowedRolesAttribute>()?.Roles,
        t.GetCustomAttribute<PartnerIfAssignedAttribute>() is not null && typeof(IEngagementRequest).IsAssignableFrom(t),
        t.GetCustomAttribute<PartnerIfOrganisationAdminAttribute>() is not null));
}
