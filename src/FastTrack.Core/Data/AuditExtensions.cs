using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;

namespace FastTrack.Data;

public static class AuditExtensions
{
    /// <summary>Adds an audit row to the current unit of work; it is saved with the change it records or not at all.</summary>
    public static void Audit(this FastTrackDbContext db, ICurrentUser user, TimeProvider clock, string action,
        string entityType, string entityId, IEnumerable<FieldChange>? changes = null, string? summary = null) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), user.Id, user.IsAuthenticated ? user.Name : "anonymous",
            action, entityType, entityId, changes, summary));
}
