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

    /// <summary>
    /// What the caller's reads are scoped to, as a cache key part: the partner's organisation (-1 without one, which sees
    /// nothing), or null for everyone who is not scoped.
    /// </summary>
    public static int? ScopeKey(ICurrentUser user) => IsPartnerOnly(user) ? user.PartnerOrganisationId ?? -1 : null;

    /// <summary>The query filter on engagements: a Partner sees their organisation's.</summary>
    public const string EngagementFilter = "PartnerScope";

    /// <summary>The query filters on everything that belongs to an engagement (its customer, tasks, usage, notes …).</summary>
    public const string PartsFilter = "PartnerScope.Parts";
}

public static class AccessScopeQueryExtensions
{
    /// <summary>
    /// Drops the filters of an engagement's parts, keeping the one on engagements: only for a query whose every row is
    /// reached from <c>Engagements</c> (through its navigations, or by the id of an engagement the caller was just shown).
    /// Such rows are in scope because their engagement is; filtering each joined table again only makes the SQL bigger
    /// (SQLite prepares every command afresh). The busiest reads use it; everything else keeps every filter.
    /// </summary>
    public static IQueryable<T> ReachedFromVisibleEngagements<T>(this IQueryable<T> query) where T : class =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(query, [AccessScope.PartsFilter]);
}

/// <summary>
/// A request a Partner may send for an engagement only while assigned to it (task status, usage, workload status, notes).
/// The request also names the roles that may always send it with <see cref="AllowedRolesAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PartnerIfAssignedAttribute : Attribute;

/// <summary>
/// A request a Partner may also send while they are their organisation's admin (<c>AppUser.IsOrganisationAdmin</c>,
/// checked against the database on every request), for the users of their own organisation only: the handler scopes
/// what it reads and changes with <see cref="OrganisationAdmin.IsScoped"/>. The request also names the roles that may
/// always send it with <see cref="AllowedRolesAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PartnerIfOrganisationAdminAttribute : Attribute;

public static class OrganisationAdmin
{
    /// <summary>True when the caller acts as a partner organisation's admin: only their organisation's users are theirs.</summary>
    public static bool IsScoped(ICurrentUser user) => AccessScope.IsPartnerOnly(user);
}

/// <summary>A request about one engagement.</summary>
public interface IEngagementRequest
{
    int EngagementId { get; }
}
