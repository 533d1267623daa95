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
    }
}
