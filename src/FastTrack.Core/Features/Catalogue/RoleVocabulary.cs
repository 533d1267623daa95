using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>The catalogue's roles as the forms, the filters and the import check them (issue 21 item 6).</summary>
internal static class RoleVocabulary
{
    /// <summary>Every role in its order, retired ones included (a page shows a retired role a task still names).</summary>
    public static Task<List<RoleChoice>> ChoicesAsync(FastTrackDbContext db, CancellationToken ct) =>
        db.CatalogueRoles.OrderBy(r => r.Order).ThenBy(r => r.Key)
            .Select(r => new RoleChoice(r.Key, new LocalName(r.NameEn, r.NameJa, r.NameZh), r.Retired))
            .ToListAsync(ct);

    /// <summary>
    /// The role may be chosen: an active role, or the role the record already has (a retired role stays where it is
    /// named, it only cannot be newly chosen).
    /// </summary>
    public static async Task<bool> UsableAsync(FastTrackDbContext db, string? role, string? current, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(role)) return false;
        var key = role.Trim();
        if (current is not null && key == current) return await db.CatalogueRoles.AnyAsync(r => r.Key == key, ct);
        return await db.CatalogueRoles.AnyAsync(r => r.Key == key && !r.Retired, ct);
    }
}
