using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>What retiring and restoring a task share: load it, check the version the admin saw, change, audit, save.</summary>
internal static class TaskRetirement
{
    public static async Task ChangeAsync(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, int id, int version,
        Func<CatalogueTask, IReadOnlyList<FieldChange>> change, string action, CancellationToken ct)
    {
        var task = await db.CatalogueTasks.AsTracking().SingleOrDefaultAsync(t => t.FtopId == id, ct)
            ?? throw new NotFoundException($"Task {id}");
        Conflicts.ExpectVersion(db, task, task.Version, version, t => t.Version, CatalogueText.TaskStateConflict);
        var changes = change(task);
        if (changes.Count == 0) return;
        db.Audit(user, clock, action, AuditEntities.CatalogueTask, task.FtopId.ToString(CultureInfo.InvariantCulture), changes);
        await Conflicts.SaveAsync(db, CatalogueText.TaskStateConflict, ct);
    }
}
