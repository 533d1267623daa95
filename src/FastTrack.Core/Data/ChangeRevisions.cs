using FastTrack.Domain.Audit;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FastTrack.Data;

/// <summary>
/// A counter the database raises whenever a kind of shared data changes: <see cref="Catalogue"/> (phases, processes,
/// sections, tasks, services), <see cref="Directory"/> (users, their roles, partner organisations) and
/// <see cref="Engagements"/> (what the engagement list shows and filters by: an engagement's own row, its services,
/// its customer; not task work, usage or notes). Each engagement also has its own counter, the shadow column
/// <c>Engagements.Revision</c>, raised by any change to it or its parts. The read caches compare them with what they cached
/// (docs/decisions/0009-read-caches-checked-against-revisions.md).
/// </summary>
public sealed class ChangeCounter
{
    public const string Catalogue = "Catalogue";
    public const string Directory = "Directory";
    public const string Engagements = "Engagements";
    /// <summary>Raised whenever a sign-in session ends, so every instance's session cache re-reads (docs/security.md).</summary>
    public const string Sessions = "Sessions";

    public string Name { get; set; } = "";
    public long Value { get; set; }
}

/// <summary>
/// Which revisions a save raises, read off the change tracker before it writes: the engagements whose rows or whose
/// parts (tasks, services, usage, notes, assignments, their audit rows) change, the engagements of a changed customer,
/// and the shared counters. <see cref="RaiseAsync"/> raises them inside the save's own transaction, so a reader never
/// sees a new revision with old data.
/// </summary>
internal sealed class ChangeRevisions
{
    public const string EngagementRevision = "Revision";

    private readonly HashSet<int> _engagements = [];
    private readonly HashSet<int> _customers = [];
    private readonly HashSet<string> _counters = [];

    public bool IsEmpty => _engagements.Count == 0 && _customers.Count == 0 && _counters.Count == 0;

    public static ChangeRevisions Collect(ChangeTracker tracker)
    {
        var r = new ChangeRevisions();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            r.Add(entry);
        }
        return r;
    }

    private void Add(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case Engagement e:
                // A new engagement starts at revision 0: nothing can have cached it.
                if (entry.State != EntityState.Added) _engagements.Add(e.Id);
                _counters.Add(ChangeCounter.Engagements);
                return;
            case EngagementService service:
                if (service.EngagementId > 0) _engagements.Add(service.EngagementId);
                // The list shows an engagement's services; their usage and workload status are not on it.
                if (entry.State != EntityState.Modified) _counters.Add(ChangeCounter.Engagements);
                return;
            case AuditEntry a:
                if (a.EntityType == AuditEntities.Engagement && int.TryParse(a.EntityId, out var audited) && audited > 0) _engagements.Add(audited);
                return;
            case Customer c:
                if (entry.State != EntityState.Added) _customers.Add(c.Id);
                _counters.Add(ChangeCounter.Engagements);
                return;
            case CustomerSeats s:
                _customers.Add(s.CustomerId);
                return;
            case AppUser or PartnerOrganisation or IdentityUserRole<string> or IdentityRole:
                _counters.Add(ChangeCounter.Directory);
                return;
            case UserSession:
                // A new session cannot be cached anywhere yet; last-seen times are written around the tracker.
                if (entry.State != EntityState.Added) _counters.Add(ChangeCounter.Sessions);
                return;
            case ChangeCounter or DataProtectionKey:
                return;
            // Alerts, preferences, the outbox and leases are no part of any cached read (an alert carries an engagement id,
            // but raising for it would empty the engagement's cache at every evaluation run).
            case Domain.Alerts.Alert or Domain.Alerts.AlertPreference or Domain.Alerts.OutboxMail or Domain.Alerts.Lease:
                return;
        }
        var type = entry.Metadata.ClrType;
        if (type.Namespace == typeof(Domain.Catalogue.Phase).Namespace || entry.Metadata.Name == "CatalogueTaskServices")
        {
            _counters.Add(ChangeCounter.Catalogue);
            return;
        }
        // Every part of an engagement carries its engagement's id; a part of a new engagement has no id yet (temporary).
        if (entry.Metadata.FindProperty(nameof(EngagementTask.EngagementId)) is not null)
        {
            var property = entry.Property(nameof(EngagementTask.EngagementId));
            if (!property.IsTemporary && property.CurrentValue is int id && id > 0) _engagements.Add(id);
        }
    }

    public async Task RaiseAsync(FastTrackDbContext db, CancellationToken ct)
    {
        // The usual case, one engagement (a task, a note, usage): a statement of its own rather than the query pipeline.
        if (_engagements.Count == 1) await db.Database.ExecuteSqlRawAsync(RaiseOne.For(db), [_engagements.First()], ct);
        else if (_engagements.Count > 0) await Engagements(db, _engagements.ToList(), byCustomer: false).ExecuteUpdateAsync(NextRevision, ct);
        if (_customers.Count > 0) await Engagements(db, _customers.ToList(), byCustomer: true).ExecuteUpdateAsync(NextRevision, ct);
        if (_counters.Count > 0) await Counters(db, _counters.ToList()).ExecuteUpdateAsync(NextValue, ct);
    }

    public void Raise(FastTrackDbContext db)
    {
        if (_engagements.Count == 1) db.Database.ExecuteSqlRaw(RaiseOne.For(db), [_engagements.First()]);
        else if (_engagements.Count > 0) Engagements(db, _engagements.ToList(), byCustomer: false).ExecuteUpdate(NextRevision);
        if (_customers.Count > 0) Engagements(db, _customers.ToList(), byCustomer: true).ExecuteUpdate(NextRevision);
        if (_counters.Count > 0) Counters(db, _counters.ToList()).ExecuteUpdate(NextValue);
    }

    /// <summary>"UPDATE Engagements SET Revision = Revision + 1 WHERE Id = {0}", with the names the model maps (both engines).</summary>
    private static class RaiseOne
    {
        // Per context type, which is per engine (asking the context for its provider's name is a reflection call).
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> ByEngine = new();

        public static string For(FastTrackDbContext db) => ByEngine.GetOrAdd(db.GetType(), _ => Build(db));

        private static string Build(FastTrackDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(Engagement))!;
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var helper = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
            string Column(string property) => helper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
            return $"UPDATE {helper.DelimitIdentifier(table.Name, table.Schema)} SET {Column(EngagementRevision)} = {Column(EngagementRevision)} + 1 WHERE {Column(nameof(Engagement.Id))} = {{0}}";
        }
    }

    private static IQueryable<Engagement> Engagements(FastTrackDbContext db, List<int> ids, bool byCustomer) =>
        byCustomer
            ? db.Engagements.IgnoreQueryFilters().Where(e => ids.Contains(e.CustomerId))
            : db.Engagements.IgnoreQueryFilters().Where(e => ids.Contains(e.Id));

    private static IQueryable<ChangeCounter> Counters(FastTrackDbContext db, List<string> names) =>
        db.ChangeCounters.Where(c => names.Contains(c.Name));

    private static void NextRevision(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Engagement> s) =>
        s.SetProperty(e => EF.Property<long>(e, EngagementRevision), e => EF.Property<long>(e, EngagementRevision) + 1);

    private static void NextValue(Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ChangeCounter> s) =>
        s.SetProperty(c => c.Value, c => c.Value + 1);
}
