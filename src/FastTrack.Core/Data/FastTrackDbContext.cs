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
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
