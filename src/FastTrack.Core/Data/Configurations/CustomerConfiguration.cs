using FastTrack.Domain.Customers;
using FastTrack.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FastTrack.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.TenantDomain).HasMaxLength(253).IsRequired();
        b.Property(c => c.Industry).HasMaxLength(100);
        b.Property(c => c.CsmName).HasMaxLength(200);
        b.Property(c => c.CsmEmail).HasMaxLength(256);
        b.Property(c => c.Notes).HasMaxLength(4000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.HasCsm);
        b.Ignore(c => c.Licences);
        b.Ignore(c => c.IsEnterprise);
        b.HasIndex(c => c.Name);
        b.HasIndex(c => c.TenantDomain).IsUnique();
        b.HasMany(c => c.Seats).WithOne().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomerSeatsConfiguration : IEntityTypeConfiguration<CustomerSeats>
{
    public void Configure(EntityTypeBuilder<CustomerSeats> b)
    {
        b.Property(s => s.Service).HasMaxLength(100).IsRequired();
        b.HasIndex(s => new { s.CustomerId, s.Service }).IsUnique();
    }
}

internal sealed class PartnerOrganisationConfiguration : IEntityTypeConfiguration<PartnerOrganisation>
{
    public void Configure(EntityTypeBuilder<PartnerOrganisation> b)
    {
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(p => p.Name).IsUnique();
        b.Property(p => p.Version).IsConcurrencyToken().HasDefaultValue(0);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(r => r.Note).HasMaxLength(Referral.NoteLength);
        b.Property(r => r.ReferredBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.ReferredByName).HasMaxLength(256).IsRequired();
        b.HasOne<Domain.Engagements.Engagement>().WithMany().HasForeignKey(r => r.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Customers.Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.PartnerOrganisation).WithMany().HasForeignKey(r => r.PartnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.EngagementId);
        b.HasIndex(r => r.CustomerId);
        b.HasIndex(r => r.PartnerOrganisationId);
    }
}

internal sealed class EngagementPartnerAssignmentConfiguration : IEntityTypeConfiguration<EngagementPartnerAssignment>
{
    public void Configure(EntityTypeBuilder<EngagementPartnerAssignment> b)
    {
        b.HasKey(a => new { a.EngagementId, a.UserId });
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.AssignedBy).HasMaxLength(256).IsRequired();
        b.HasOne<Domain.Engagements.Engagement>().WithMany().HasForeignKey(a => a.EngagementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Users.AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.UserId);
    }
}
