using FastTrack.Domain.Catalogue;

namespace FastTrack.Common.Security;

/// <summary>
/// What data the caller may read. A Partner (who holds neither Admin nor FastTrackManager) is scoped to the engagements
/// of their own organisation; everyone else, and code running outside a request (seeding, start-up), is not scoped.
/// The DbContext's global query filters read it at each query (docs/security.md).
/// </summary>
public static class AccessScope
{
    public static bool IsPartnerOnly(ICurrentUser? user) =>
        user is { IsAuthenticated: true } && user.IsInRole(Roles.Partner)
        && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.FastTrackManager);
}

/// <summary>
/// A request a Partner may send for an engagement only while assigned to it (task status, usage, workload status, notes).
/// The request also names the roles that may always send it with <see cref="AllowedRolesAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PartnerIfAssignedAttribute : Attribute;

/// <summary>A request about one engagement.</summary>
public interface IEngagementRequest
{
    int EngagementId { get; }
}
