using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Domain.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// The one database: catalogue, engagements, audit and ASP.NET Core Identity. Handlers use it
/// directly (no repositories). Each engine has a subclass only so that its migrations can be
/// found: see docs/decisions/0003-migrations-per-provider.md.
/// </summary>
public abstract class FastTrackDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Phase> Phases => Set<Phase>();
    public DbSet<Process> Processes => Set<Process>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<CatalogueTask> CatalogueTasks => Set<CatalogueTask>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<CatalogueRole> CatalogueRoles => Set<CatalogueRole>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<PartnerOrganisation> PartnerOrganisations => Set<PartnerOrganisation>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<EngagementService> EngagementServices => Set<EngagementService>();
    public DbSet<EngagementTask> EngagementTasks => Set<EngagementTask>();
    public DbSet<EngagementPartnerAssignment> EngagementPartnerAssignments => Set<EngagementPartnerAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ChangeCounter> ChangeCounters => Set<ChangeCounter>();
    public DbSet<Domain.Users.ApiToken> ApiTokens => Set<Domain.Users.ApiToken>();
    public DbSet<Domain.Users.UserSession> UserSessions => Set<Domain.Users.UserSession>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Domain.Alerts.Alert> Alerts => Set<Domain.Alerts.Alert>();
    public DbSet<Domain.Alerts.AlertPreference> AlertPreferences => Set<Domain.Alerts.AlertPreference>();
    public DbSet<Domain.Alerts.OutboxMail> OutboxMails => Set<Domain.Alerts.OutboxMail>();
    public DbSet<Domain.Alerts.Lease> Leases => Set<Domain.Alerts.Lease>();
    public DbSet<Domain.Users.SsoSignUp> SsoSignUps => Set<Domain.Users.SsoSignUp>();

    private ICurrentUser? _caller;

    /// <summary>
    /// Scopes every query of this context to what <paramref name="caller"/> may see. Set on every resolution from DI
    /// (contexts are pooled, so a previous request's caller must never linger); null means unscoped (start-up, seeding).
    /// </summary>
    public void ScopeTo(ICurrentUser? caller)
    {
        _caller = caller;
        SharedRevisionsRead = null;
    }

    /// <summary>The shared revision counters as this request read them (<see cref="RevisionStamps.SharedAsync"/>).</summary>
    internal RevisionStamps.Shared? SharedRevisionsRead { get; set; }

    // Read by the query filters at each query: EF Core parameterises members of the context, so one model serves every caller.
    // The caller's principal is read when the query runs, not when the context was resolved (before sign-in was validated).
    private bool PartnerScoped => AccessScope.IsPartnerOnly(_caller);
    // -1 matches nothing: a partner without an organisation in their sign-in sees nothing (fails closed).
    private int PartnerOrganisationId => _caller?.PartnerOrganisationId ?? -1;

    /// <summary>
    /// Saves, and raises the revisions of what changed (<see cref="ChangeRevisions"/>) in the same transaction. On SQLite,
    /// which has one writer at a time, saves of this process queue in <see cref="SqliteWriteGate"/> instead of spinning in
    /// SQLite's busy handler. In the transaction the save opens itself, EF Core's automatic savepoint is turned off: it
    /// exists to undo a failed save inside a caller's longer transaction, but a failure here rolls the whole transaction
    /// back anyway, and the savepoint cost two more statements per save (two more round trips on PostgreSQL).
    /// A caller's own transaction keeps it.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = DetectChangesOnce();
        var savepoints = Database.AutoSavepointsEnabled;
        try
        {
            GuardAppendOnly();
            var revisions = ChangeRevisions.Collect(ChangeTracker);
            using var gate = Database.CurrentTransaction is null && this is SqliteFastTrackDbContext ? SqliteWriteGate.Enter(Database.GetConnectionString()) : null;
            if (revisions.IsEmpty) return base.SaveChanges(acceptAllChangesOnSuccess);
            if (Database.CurrentTransaction is not null)
            {
                var saved = base.SaveChanges(acceptAllChangesOnSuccess);
                revisions.Raise(this);
                return saved;
            }
            using var tx = Database.BeginTransaction();
            Database.AutoSavepointsEnabled = false;
            var n = base.SaveChanges(acceptAllChangesOnSuccess);
            revisions.Raise(this);
            tx.Commit();
            return n;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = DetectChangesOnce();
        var savepoints = Database.AutoSavepointsEnabled;
        try
        {
            GuardAppendOnly();
            var revisions = ChangeRevisions.Collect(ChangeTracker);
            using var gate = Database.CurrentTransaction is null && this is SqliteFastTrackDbContext
                ? await SqliteWriteGate.EnterAsync(Database.GetConnectionString(), cancellationToken) : null;
            if (revisions.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (Database.CurrentTransaction is not null)
            {
                var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                await revisions.RaiseAsync(this, cancellationToken);
                return saved;
            }
            await using var tx = await Database.BeginTransactionAsync(cancellationToken);
            Database.AutoSavepointsEnabled = false;
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await revisions.RaiseAsync(this, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return n;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
            Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>
    /// Detects changes once for the append-only guard, the revisions and the save (each would otherwise run it again),
    /// and returns whether automatic detection was on, to be restored after the save.
    /// </summary>
    private bool DetectChangesOnce()
    {
        SharedRevisionsRead = null;
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return detect;
    }

    /// <summary>The audit trail is append-only: no code path of the app may update or delete a row of it.</summary>
    private void GuardAppendOnly()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit trail is append-only.");
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FastTrackDbContext).Assembly);
        EngineSpecific(builder);
        ApplyAccessScope(builder);
    }

    /// <summary>The few model details that differ by engine; each engine's migrations and snapshot carry only its own.</summary>
    private void EngineSpecific(ModelBuilder b)
    {
        var managerIndex = b.Entity<Engagement>().HasIndex(Configurations.EngagementConfiguration.ManagerIndexColumns);
        if (this is PostgresFastTrackDbContext)
            NpgsqlIndexBuilderExtensions.IncludeProperties(managerIndex, Configurations.EngagementConfiguration.ManagerIndexIncludes);
        else if (this is SqlServerFastTrackDbContext)
            SqlServerIndexBuilderExtensions.IncludeProperties(managerIndex, Configurations.EngagementConfiguration.ManagerIndexIncludes);
    }

    /// <summary>
    /// A Partner sees only engagements of their own organisation, and only the rows that belong to those engagements
    /// (customers, tasks, usage, notes, workload statuses, assignments, their audit rows), so that a handler written later
    /// cannot leak another organisation's data by forgetting a filter.
    /// </summary>
    private void ApplyAccessScope(ModelBuilder b)
    {
        // The organisation is a parameter (from the sign-in cookie), not a per-row look-up of the user: the SQL stays
        // small, and SQLite prepares every command afresh.
        b.Entity<Engagement>().HasQueryFilter(AccessScope.EngagementFilter, e => !PartnerScoped || e.PartnerOrganisationId == PartnerOrganisationId);
        b.Entity<PartnerOrganisation>().HasQueryFilter(AccessScope.PartsFilter, p => !PartnerScoped || p.Id == PartnerOrganisationId);
        b.Entity<Customer>().HasQueryFilter(AccessScope.PartsFilter, c => !PartnerScoped || Engagements.Any(e => e.CustomerId == c.Id));
        b.Entity<CustomerSeats>().HasQueryFilter(AccessScope.PartsFilter, s => !PartnerScoped || Customers.Any(c => c.Id == s.CustomerId));
        b.Entity<EngagementService>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementTask>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementStep>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<UsageRecord>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<WorkloadStatusRecord>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<GateOverride>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementNote>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementPartnerAssignment>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<Referral>().HasQueryFilter(AccessScope.PartsFilter, x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        // The catalogue's history is shared reference data; an engagement's only with the engagement.
        b.Entity<AuditEntry>().HasQueryFilter(AccessScope.PartsFilter, a => !PartnerScoped
            || a.EntityType == AuditEntities.CatalogueTask || a.EntityType == AuditEntities.Section
            || a.EntityType == AuditEntities.Process || a.EntityType == AuditEntities.Catalogue
            || (a.EntityType == AuditEntities.Engagement && Engagements.Any(e => e.Id.ToString() == a.EntityId)));
    }
}

public sealed class SqliteFastTrackDbContext(DbContextOptions<SqliteFastTrackDbContext> options) : FastTrackDbContext(options);

public sealed class PostgresFastTrackDbContext(DbContextOptions<PostgresFastTrackDbContext> options) : FastTrackDbContext(options);

public sealed class SqlServerFastTrackDbContext(DbContextOptions<SqlServerFastTrackDbContext> options) : FastTrackDbContext(options);
