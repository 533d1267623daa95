using FastTrack.Domain.Alerts;
using FastTrack.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FastTrack.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.Property(a => a.RecipientId).HasMaxLength(450).IsRequired();
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(a => a.SubjectKey).HasMaxLength(200).IsRequired();
        b.Property(a => a.Customer).HasMaxLength(200).IsRequired();
        b.Property(a => a.Service).HasMaxLength(100);
        // The same state change never makes two alerts, whichever instance evaluates.
        b.HasIndex(a => new { a.RecipientId, a.Kind, a.EngagementId, a.SubjectKey }).IsUnique();
        // The bell's count (unread per user) and the digest's pick (not yet handled per user).
        b.HasIndex(a => new { a.RecipientId, a.ReadAt });
        b.HasIndex(a => a.MailHandledAt);
        b.HasOne<AppUser>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Engagements.Engagement>().WithMany().HasForeignKey(a => a.EngagementId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertPreferenceConfiguration : IEntityTypeConfiguration<AlertPreference>
{
    public void Configure(EntityTypeBuilder<AlertPreference> b)
    {
        b.HasKey(p => new { p.UserId, p.Kind });
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(20);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.Property(m => m.DedupKey).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.DedupKey).IsUnique();
        b.Property(m => m.RecipientId).HasMaxLength(450).IsRequired();
        b.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        b.Property(m => m.Kind).HasMaxLength(40).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.LeaseOwner).HasMaxLength(64);
        // The sender's pick: unsent and due.
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(50);
        b.Property(l => l.Owner).HasMaxLength(64);
        // The row exists from the migration on, so claiming it is always an UPDATE (never a race to insert it).
        b.HasData(new Lease { Name = Lease.AlertRun, Owner = null, Until = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
    }
}
