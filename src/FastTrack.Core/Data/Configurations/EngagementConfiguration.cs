using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FastTrack.Data.Configurations;

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    /// <summary>The manager's portfolio index; its included columns depend on the engine.</summary>
    internal static readonly string[] ManagerIndexColumns =
        [nameof(Engagement.ManagerId), nameof(Engagement.State), nameof(Engagement.CurrentPhaseId), ChangeRevisions.EngagementRevision];
    internal static readonly string[] ManagerIndexIncludes = [nameof(Engagement.Id), nameof(Engagement.PartnerOrganisationId)];

    public void Configure(EntityTypeBuilder<Engagement> b)
    {
        b.Property(e => e.ManagerId).HasMaxLength(450).IsRequired();
        b.Property(e => e.Motion).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(50);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.PartnerStaffVersion).IsConcurrencyToken().HasDefaultValue(0);
        // Raised by the database layer on every change to the engagement or its parts (ChangeRevisions), not by the domain.
        b.Property<long>(ChangeRevisions.EngagementRevision).HasDefaultValue(0L);
        b.Ignore(e => e.ServiceNames);
        // The phase plan: the skipped phases' ids, ';'-separated (PhasePlan.Format). Read with the row, so the list and
        // the portfolio show each engagement's path without a query per row; "" (every phase) for engagements made before.
        b.Property(e => e.SkippedPhases).HasMaxLength(200).IsRequired().HasDefaultValue("");
        b.Ignore(e => e.SkippedPhaseIds);
        b.HasOne(e => e.Customer).WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.PartnerOrganisation).WithMany().HasForeignKey(e => e.PartnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.CurrentPhase).WithMany().HasForeignKey(e => e.CurrentPhaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.CurrentProcess).WithMany().HasForeignKey(e => e.CurrentProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Services).WithOne().HasForeignKey(s => s.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Tasks).WithOne().HasForeignKey(t => t.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Steps).WithOne().HasForeignKey(s => s.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.UsageRecords).WithOne().HasForeignKey(u => u.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.WorkloadStatuses).WithOne().HasForeignKey(w => w.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Overrides).WithOne().HasForeignKey(o => o.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Notes).WithOne().HasForeignKey(n => n.EngagementId).OnDelete(DeleteBehavior.Cascade);
        // The list filters and the portfolio counts.
        b.HasIndex(e => new { e.State, e.CurrentPhaseId });
        b.HasIndex(e => e.PartnerOrganisationId);
        b.HasIndex(e => e.Motion);
        b.HasIndex(e => e.CustomerId);
        b.HasIndex(e => new { e.State, e.FirstContactDone, e.FirstContactDueOn });
        // The list's default order (newest assigned first): a page is read off the index instead of sorting every row.
        b.HasIndex(e => new { e.AssignedOn, e.Id });
        // A manager's own portfolio: counts by phase and the lists read only that manager's active engagements; with the
        // revision last, the portfolio's cache check (count and sums of revisions and ids over the manager's engagements)
        // reads the index alone. SQLite's indexes hold the row id already; on PostgreSQL and SQL Server the index carries
        // the id and the partner column (the partner filter) as included columns, or the engine reads the table instead
        // (FastTrackDbContext.EngineSpecific; PostgreSQL's migration ManagerIndexCovers).
        b.HasIndex(ManagerIndexColumns);
    }
}

internal sealed class EngagementServiceConfiguration : IEntityTypeConfiguration<EngagementService>
{
    public void Configure(EntityTypeBuilder<EngagementService> b)
    {
        b.Property(s => s.Service).HasMaxLength(100).IsRequired();
        b.Property(s => s.DibsIntent).HasMaxLength(1000);
        b.Property(s => s.DibsBusinessReason).HasMaxLength(100);
        b.Property(s => s.DibsSuccessOwner).HasMaxLength(200);
        foreach (var p in new[] { nameof(EngagementService.StakeholdersStatus), nameof(EngagementService.ScenariosStatus), nameof(EngagementService.AwarenessStatus), nameof(EngagementService.TrainingStatus) })
            b.Property(p).HasConversion<string>().HasMaxLength(30);
        foreach (var p in new[] { nameof(EngagementService.StakeholdersNote), nameof(EngagementService.ScenariosNote), nameof(EngagementService.AwarenessNote), nameof(EngagementService.TrainingNote) })
            b.Property(p).HasMaxLength(1000);
        b.Property(s => s.SuccessCriterion).HasMaxLength(1000);
        b.Property(s => s.WorkloadL1).HasMaxLength(100);
        b.Property(s => s.WorkloadL2).HasMaxLength(100);
        b.Property(s => s.WorkloadL3).HasMaxLength(100);
        b.Property(s => s.WorkloadNote).HasMaxLength(2000);
        b.Property(s => s.TargetReason).HasMaxLength(500);
        b.Property(s => s.ForecastTrend).HasPrecision(9, 1);
        b.Ignore(s => s.CommittedTargetOn);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.EngagementId, s.Service }).IsUnique();
        b.HasIndex(s => s.Service);
        b.HasIndex(s => s.WorkloadL1);
    }
}

internal sealed class EngagementTaskConfiguration : IEntityTypeConfiguration<EngagementTask>
{
    public void Configure(EntityTypeBuilder<EngagementTask> b)
    {
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.StatusReason).HasMaxLength(1000);
        b.Property(t => t.CompletedBy).HasMaxLength(256);
        b.Property(t => t.CompletionNote).HasMaxLength(2000);
        b.Property(t => t.ReopenedBy).HasMaxLength(256);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne(t => t.Task).WithMany().HasForeignKey(t => t.FtopId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Section).WithMany().HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Process>().WithMany().HasForeignKey(t => t.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Phase>().WithMany().HasForeignKey(t => t.PhaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.EngagementId, t.Cycle, t.FtopId }).IsUnique();
    }
}

internal sealed class EngagementStepConfiguration : IEntityTypeConfiguration<EngagementStep>
{
    public void Configure(EntityTypeBuilder<EngagementStep> b)
    {
        b.Property(s => s.NotApplicableServices).HasMaxLength(500).IsRequired();
        b.Property(s => s.NotApplicableReason).HasMaxLength(500);
        b.Ignore(s => s.NotApplicableFor);
        b.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Process>().WithMany().HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Phase>().WithMany().HasForeignKey(s => s.PhaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.EngagementId, s.Cycle, s.SectionId }).IsUnique();
    }
}

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> b)
    {
        b.Property(u => u.Service).HasMaxLength(100).IsRequired();
        b.Property(u => u.RecordedBy).HasMaxLength(256).IsRequired();
        b.Ignore(u => u.Percent);
        b.HasIndex(u => new { u.EngagementId, u.Service, u.On });
    }
}

internal sealed class WorkloadStatusRecordConfiguration : IEntityTypeConfiguration<WorkloadStatusRecord>
{
    public void Configure(EntityTypeBuilder<WorkloadStatusRecord> b)
    {
        b.Property(w => w.Service).HasMaxLength(100).IsRequired();
        b.Property(w => w.L1).HasMaxLength(100).IsRequired();
        b.Property(w => w.L2).HasMaxLength(100).IsRequired();
        b.Property(w => w.L3).HasMaxLength(100).IsRequired();
        b.Property(w => w.Note).HasMaxLength(2000);
        b.Property(w => w.RecordedBy).HasMaxLength(256).IsRequired();
        b.Ignore(w => w.Text);
        b.HasIndex(w => new { w.EngagementId, w.Service });
    }
}

internal sealed class GateOverrideConfiguration : IEntityTypeConfiguration<GateOverride>
{
    public void Configure(EntityTypeBuilder<GateOverride> b)
    {
        b.Property(o => o.From).HasMaxLength(200).IsRequired();
        b.Property(o => o.To).HasMaxLength(200).IsRequired();
        b.Property(o => o.Blockers).HasMaxLength(4000).IsRequired();
        b.Property(o => o.Reason).HasMaxLength(2000).IsRequired();
        b.Property(o => o.By).HasMaxLength(256).IsRequired();
        b.HasIndex(o => o.EngagementId);
    }
}

internal sealed class EngagementNoteConfiguration : IEntityTypeConfiguration<EngagementNote>
{
    public void Configure(EntityTypeBuilder<EngagementNote> b)
    {
        b.Property(n => n.Service).HasMaxLength(100);
        b.Property(n => n.Text).HasMaxLength(4000).IsRequired();
        b.Property(n => n.By).HasMaxLength(256).IsRequired();
        b.HasIndex(n => n.EngagementId);
    }
}
