using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FastTrack.Data.Configurations;

internal sealed class PhaseConfiguration : IEntityTypeConfiguration<Phase>
{
    public void Configure(EntityTypeBuilder<Phase> b)
    {
        b.Property(p => p.NameEn).HasMaxLength(200).IsRequired();
        b.Property(p => p.NameJa).HasMaxLength(200);
        b.Property(p => p.NameZh).HasMaxLength(200);
        // Defaults as the migration that added them to existing databases gives them.
        b.Property(p => p.Version).IsConcurrencyToken().HasDefaultValue(0);
        b.Property(p => p.Retired).HasDefaultValue(false);
        b.HasIndex(p => p.NameEn).IsUnique();
        b.HasMany(p => p.Processes).WithOne(p => p.Phase).HasForeignKey(p => p.PhaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProcessConfiguration : IEntityTypeConfiguration<Process>
{
    public void Configure(EntityTypeBuilder<Process> b)
    {
        b.Property(p => p.NameEn).HasMaxLength(200).IsRequired();
        b.Property(p => p.NameJa).HasMaxLength(200);
        b.Property(p => p.NameZh).HasMaxLength(200);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => new { p.PhaseId, p.NameEn }).IsUnique();
        b.HasMany(p => p.Sections).WithOne(s => s.Process).HasForeignKey(s => s.ProcessId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.Property(s => s.NameEn).HasMaxLength(300).IsRequired();
        b.Property(s => s.NameJa).HasMaxLength(300);
        b.Property(s => s.NameZh).HasMaxLength(300);
        b.Property(s => s.PrimaryRole).HasMaxLength(100).IsRequired();
        b.Property(s => s.Motions).HasMaxLength(200).IsRequired();
        b.Property(s => s.AppliesTo).HasMaxLength(500).IsRequired();
        b.Property(s => s.SummaryEn).HasMaxLength(Section.SummaryMax);
        b.Property(s => s.SummaryJa).HasMaxLength(Section.SummaryMax);
        b.Property(s => s.SummaryZh).HasMaxLength(Section.SummaryMax);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasIndex(s => new { s.ProcessId, s.NameEn }).IsUnique();
        b.HasMany(s => s.Tasks).WithOne(t => t.Section).HasForeignKey(t => t.SectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CatalogueTaskConfiguration : IEntityTypeConfiguration<CatalogueTask>
{
    public void Configure(EntityTypeBuilder<CatalogueTask> b)
    {
        b.HasKey(t => t.FtopId);
        b.Property(t => t.FtopId).ValueGeneratedNever();
        b.Property(t => t.NameEn).HasMaxLength(500).IsRequired();
        b.Property(t => t.NameJa).HasMaxLength(500);
        b.Property(t => t.NameZh).HasMaxLength(500);
        b.Property(t => t.Role).HasMaxLength(100).IsRequired();
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.ServicesText);
        b.HasIndex(t => t.Retired);
        b.HasMany(t => t.Services).WithMany().UsingEntity(
            "CatalogueTaskServices",
            r => r.HasOne(typeof(Service)).WithMany().HasForeignKey("ServiceId").OnDelete(DeleteBehavior.Restrict),
            l => l.HasOne(typeof(CatalogueTask)).WithMany().HasForeignKey("FtopId").OnDelete(DeleteBehavior.Cascade),
            j => j.HasKey("FtopId", "ServiceId"));
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(s => s.Name).IsUnique();
    }
}

internal sealed class CatalogueRoleConfiguration : IEntityTypeConfiguration<CatalogueRole>
{
    public void Configure(EntityTypeBuilder<CatalogueRole> b)
    {
        b.Property(r => r.Key).HasMaxLength(CatalogueRole.KeyMax).IsRequired();
        b.Property(r => r.NameEn).HasMaxLength(CatalogueRole.NameMax).IsRequired();
        b.Property(r => r.NameJa).HasMaxLength(CatalogueRole.NameMax);
        b.Property(r => r.NameZh).HasMaxLength(CatalogueRole.NameMax);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => r.Key).IsUnique();
        b.HasIndex(r => r.NameEn).IsUnique();
    }
}
