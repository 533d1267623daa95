using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Domain.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// The one database: catalogue, engagements, audit and ASP.NET Core Identity. Handlers use it
/// directly (no repositories). Each engine has a subclass only so that its migrations can be
/// found: see docs/decisions/0003-migrations-per-provider.md.
/// </summary>
public abstract class FastTrackDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Phase> Phases => Set<Phase>();
    public DbSet<Process> Processes => Set<Process>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<CatalogueTask> CatalogueTasks => Set<CatalogueTask>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<PartnerOrganisation> PartnerOrganisations => Set<PartnerOrganisation>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<EngagementService> EngagementServices => Set<EngagementService>();
    public DbSet<EngagementTask> EngagementTasks => Set<EngagementTask>();
    public DbSet<EngagementPartnerAssignment> EngagementPartnerAssignments => Set<EngagementPartnerAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private ICurrentUser? _caller;

    /// <summary>
    /// Scopes every query of this context to what <paramref name="caller"/> may see. Set on every resolution from DI
    /// (contexts are pooled, so a previous request's caller must never linger); null means unscoped (start-up, seeding).
    /// </summary>
    public void ScopeTo(ICurrentUser? caller) => _caller = caller;

    // Read by the query filters at each query: EF Core parameterises members of the context, so one model serves every caller.
    // The caller's principal is read when the query runs, not when the context was resolved (before sign-in was validated).
    private bool PartnerScoped => AccessScope.IsPartnerOnly(_caller);
    // -1 matches nothing: a partner without an organisation in their sign-in sees nothing (fails closed).
    private int PartnerOrganisationId => _caller?.PartnerOrganisationId ?? -1;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
        ApplyAccessScope(builder);
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
        b.Entity<Engagement>().HasQueryFilter(e => !PartnerScoped || e.PartnerOrganisationId == PartnerOrganisationId);
        b.Entity<PartnerOrganisation>().HasQueryFilter(p => !PartnerScoped || p.Id == PartnerOrganisationId);
        b.Entity<Customer>().HasQueryFilter(c => !PartnerScoped || Engagements.Any(e => e.CustomerId == c.Id));
        b.Entity<CustomerSeats>().HasQueryFilter(s => !PartnerScoped || Customers.Any(c => c.Id == s.CustomerId));
        b.Entity<EngagementService>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementTask>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementStep>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<UsageRecord>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<WorkloadStatusRecord>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<GateOverride>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementNote>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        b.Entity<EngagementPartnerAssignment>().HasQueryFilter(x => !PartnerScoped || Engagements.Any(e => e.Id == x.EngagementId));
        // The catalogue's history is shared reference data; an engagement's only with the engagement.
        b.Entity<AuditEntry>().HasQueryFilter(a => !PartnerScoped
            || a.EntityType == AuditEntities.CatalogueTask || a.EntityType == AuditEntities.Section
            || a.EntityType == AuditEntities.Process || a.EntityType == AuditEntities.Catalogue
            || (a.EntityType == AuditEntities.Engagement && Engagements.Any(e => e.Id.ToString() == a.EntityId)));
    }
}

public sealed class SqliteFastTrackDbContext(DbContextOptions<SqliteFastTrackDbContext> options) : FastTrackDbContext(options);

public sealed class PostgresFastTrackDbContext(DbContextOptions<PostgresFastTrackDbContext> options) : FastTrackDbContext(options);

/// <summary>One key of the ASP.NET Core Data Protection key ring, shared by every app instance.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
