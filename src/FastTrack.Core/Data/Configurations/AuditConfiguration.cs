using FastTrack.Domain.Audit;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FastTrack.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256).IsRequired();
        b.Property(a => a.Action).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Summary).HasMaxLength(1000);
        b.Property(a => a.ChangesJson).IsRequired();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.Property(a => a.Address).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => new { a.Action, a.Address, a.At });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        b.Property(k => k.Xml).IsRequired();
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<Domain.Users.AppUser>
{
    public void Configure(EntityTypeBuilder<Domain.Users.AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(u => u.Culture).HasMaxLength(16);
        b.HasOne<Domain.Partners.PartnerOrganisation>().WithMany().HasForeignKey(u => u.PartnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.PartnerOrganisationId);
        b.Property(u => u.IsOrganisationAdmin).HasDefaultValue(false);
    }
}

internal sealed class ChangeCounterConfiguration : IEntityTypeConfiguration<ChangeCounter>
{
    public void Configure(EntityTypeBuilder<ChangeCounter> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(50);
        b.HasData(new ChangeCounter { Name = ChangeCounter.Catalogue }, new ChangeCounter { Name = ChangeCounter.Directory },
            new ChangeCounter { Name = ChangeCounter.Engagements }, new ChangeCounter { Name = ChangeCounter.Sessions });
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<Domain.Users.ApiToken>
{
    public void Configure(EntityTypeBuilder<Domain.Users.ApiToken> b)
    {
        b.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        b.HasOne<Domain.Users.AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Name).HasMaxLength(Domain.Users.ApiToken.MaxNameLength).IsRequired();
        b.Property(t => t.Scope).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.Hash).IsUnique();
        b.Property(t => t.Hint).HasMaxLength(20).IsRequired();
        b.Property(t => t.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(t => t.RevokedBy).HasMaxLength(256);
        b.HasIndex(t => t.UserId);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<Domain.Users.UserSession>
{
    public void Configure(EntityTypeBuilder<Domain.Users.UserSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.HasOne<Domain.Users.AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.UserAgent).HasMaxLength(Domain.Users.UserSession.UserAgentLength).IsRequired();
        b.HasIndex(s => s.UserId);
    }
}

internal sealed class SsoSignUpConfiguration : IEntityTypeConfiguration<Domain.Users.SsoSignUp>
{
    public void Configure(EntityTypeBuilder<Domain.Users.SsoSignUp> b)
    {
        b.Property(s => s.Issuer).HasMaxLength(Domain.Users.SsoSignUp.IssuerLength).IsRequired();
        b.Property(s => s.Subject).HasMaxLength(Domain.Users.SsoSignUp.SubjectLength).IsRequired();
        b.HasIndex(s => new { s.Issuer, s.Subject }).IsUnique();
        b.Property(s => s.Email).HasMaxLength(256).IsRequired();
        b.Property(s => s.DisplayName).HasMaxLength(200).IsRequired();
        b.Property(s => s.SuggestedRole).HasMaxLength(64);
        b.HasOne<Domain.Partners.PartnerOrganisation>().WithMany().HasForeignKey(s => s.SuggestedOrganisationId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(s => s.Status);
        b.Property(s => s.DecidedBy).HasMaxLength(256);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
