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
            await CheckAssignedPartnerAsync(request, cancellationToken);
        return await next();
    }

    /// <summary>True when the caller may send the request by its role alone; false when only an assignment can allow it.</summary>
    internal static bool Check(Type requestType, ICurrentUser user)
    {
        if (requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null) return true;
        if (!user.IsAuthenticated) throw new ForbiddenException("Sign in first.");
        if (requestType.GetCustomAttribute<AnySignedInUserAttribute>() is not null) return true;
        var roles = requestType.GetCustomAttribute<AllowedRolesAttribute>()
            ?? throw new ForbiddenException($"{requestType.FullName} declares no access rule.");
        if (roles.Roles.Any(user.IsInRole)) return true;
        if (requestType.GetCustomAttribute<PartnerIfAssignedAttribute>() is not null && user.IsInRole(Roles.Partner)
            && typeof(IEngagementRequest).IsAssignableFrom(requestType))
            return false;
        throw new ForbiddenException("Your role may not do this.");
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
