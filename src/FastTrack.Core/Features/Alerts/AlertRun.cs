using System.Globalization;
using FastTrack.Data;
using FastTrack.Domain.Alerts;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastTrack.Features.Alerts;

/// <summary>
/// The alert evaluation and the mails it leads to, run by one instance at a time (the <see cref="Lease.AlertRun"/>
/// lease, ADR 0019). <see cref="EvaluateAsync"/> compares every active engagement's clocks (<see cref="Clocks.Evaluate"/>),
/// target flags and readiness for the success review with the alerts already raised, and raises the new ones for the
/// engagement's FM and its assigned partner staff. <see cref="QueueMailsAsync"/> then puts each alert not yet dealt
/// with into the outbox: a mail of its own (Immediate), the recipient's digest of the day (Daily), or nothing (Off).
/// Both steps are idempotent: the unique keys of alerts and of outbox rows make a repeated or concurrent run harmless.
/// </summary>
public sealed class AlertRun(FastTrackDbContext db, TimeProvider clock, IOptions<ClockSettings> clocks, IOptions<AlertSettings> alerts,
    MailSettings mail, IAlertMailWriter writer, ILogger<AlertRun> log)
{
    private const int BatchSize = 500;

    /// <summary>Who holds the lease: one id per process.</summary>
    public static readonly string Instance = $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    public sealed record Outcome(bool Ran, int AlertsRaised, int MailsQueued);

    /// <summary>One whole run (the seam the background service and the tests call): lease, evaluate, queue, release.</summary>
    public async Task<Outcome> RunOnceAsync(CancellationToken ct)
    {
        db.ScopeTo(null);
        if (!await ClaimAsync(ct))
        {
            log.LogInformation("Alert run skipped: another instance holds the lease");
            return new Outcome(false, 0, 0);
        }
        try
        {
            var raised = await EvaluateAsync(ct);
            var queued = await QueueMailsAsync(ct);
            log.LogInformation("Alert run: {Raised} alerts raised, {Queued} mails queued", raised, queued);
            return new Outcome(true, raised, queued);
        }
        finally
        {
            await ReleaseAsync(CancellationToken.None);
        }
    }

    private async Task<bool> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Long enough for a big portfolio; released at the end, so it only matters when a run dies half-way.
        var until = now.AddMinutes(30);
        using (await WriteGateAsync(ct))
            return await db.Leases.Where(l => l.Name == Lease.AlertRun && (l.Until < now || l.Owner == Instance))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, Instance).SetProperty(l => l.Until, until), ct) == 1;
    }

    private async Task ReleaseAsync(CancellationToken ct)
    {
        var past = clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        using (await WriteGateAsync(ct))
            await db.Leases.Where(l => l.Name == Lease.AlertRun && l.Owner == Instance)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Owner, (string?)null).SetProperty(l => l.Until, past), ct);
    }

    private async Task<IDisposable?> WriteGateAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null && db is SqliteFastTrackDbContext ? await SqliteWriteGate.EnterAsync(db.Database.GetConnectionString(), ct) : null;

    /// <summary>Raises the alerts that the engagements' current state calls for and that nobody was told of yet.</summary>
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        db.ScopeTo(null);
        var now = clock.GetUtcNow();
        var today = EngagementStore.Today(clock);
        var settings = clocks.Value;
        var raised = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await db.Engagements.Where(e => e.State == EngagementState.Active && e.Id > lastId).OrderBy(e => e.Id).Take(BatchSize)
                .Include(e => e.Services).Include(e => e.CurrentProcess).Include(e => e.Customer).AsSplitQuery().ToListAsync(ct);
            if (batch.Count == 0) break;
            lastId = batch[^1].Id;
            var ids = batch.Select(e => e.Id).ToList();
            var ready = (await db.Engagements.Where(e => ids.Contains(e.Id)).Where(SuccessReviewReadiness.Ready).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            var assigned = (await db.EngagementPartnerAssignments.Where(a => ids.Contains(a.EngagementId)).Select(a => new { a.EngagementId, a.UserId }).ToListAsync(ct))
                .ToLookup(a => a.EngagementId, a => a.UserId);
            var existing = (await db.Alerts.Where(a => ids.Contains(a.EngagementId)).Select(a => new { a.RecipientId, a.Kind, a.EngagementId, a.SubjectKey }).ToListAsync(ct))
                .Select(a => (a.RecipientId, a.Kind, a.EngagementId, a.SubjectKey)).ToHashSet();
            foreach (var e in batch)
            {
                var recipients = assigned[e.Id].Prepend(e.ManagerId).Where(r => !string.IsNullOrEmpty(r)).Distinct().ToList();
                foreach (var (kind, key, service, on) in Subjects(e, today, settings, ready.Contains(e.Id)))
                    foreach (var r in recipients)
                        if (existing.Add((r, kind, e.Id, key)))
                        {
                            db.Alerts.Add(Alert.Raise(r, kind, e.Id, key, e.Customer.Name, service, on, now));
                            raised++;
                        }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return raised;
    }

    /// <summary>What an engagement is to be alerted of today: each overdue clock, each target at risk, and readiness.</summary>
    public static IEnumerable<(AlertKind Kind, string Key, string? Service, DateOnly? On)> Subjects(Engagement e, DateOnly today, ClockSettings settings, bool readyForReview)
    {
        var evaluation = Clocks.Evaluate(e, today, settings);
        foreach (var c in evaluation.Overdue)
            yield return (Alert.For(c.Kind), $"{c.Service}|{Day(c.DueOn)}", c.Service, c.DueOn);
        foreach (var t in evaluation.Targets)
            yield return (AlertKind.TargetAtRisk, $"{t.Service}|{Day(t.TargetOn)}|{t.Standing}", t.Service, t.TargetOn);
        if (readyForReview && e.State == EngagementState.Active)
            yield return (AlertKind.ReadyForReview, $"cycle {e.Cycle.ToString(CultureInfo.InvariantCulture)}", null, null);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Puts the alerts not yet dealt with into the outbox by each recipient's preference. A digest is one mail per user per
    /// day (its key names the day): alerts raised after today's digest wait for tomorrow's. Without mail settings that
    /// can work nothing is queued; the alerts stay in the app.
    /// </summary>
    public async Task<int> QueueMailsAsync(CancellationToken ct)
    {
        db.ScopeTo(null);
        var now = clock.GetUtcNow();
        var today = EngagementStore.Today(clock);
        var digestTime = now.UtcDateTime.Hour >= alerts.Value.DigestHourUtc;
        var recipients = await db.Alerts.Where(a => a.MailHandledAt == null).Select(a => a.RecipientId).Distinct().ToListAsync(ct);
        var queued = 0;
        foreach (var userId in recipients)
        {
            var user = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.Culture, u.IsDisabled }).FirstOrDefaultAsync(ct);
            var prefs = (await db.AlertPreferences.Where(p => p.UserId == userId).ToListAsync(ct)).ToDictionary(p => p.Kind, p => p.Delivery);
            var pending = await db.Alerts.AsTracking().Where(a => a.RecipientId == userId && a.MailHandledAt == null).OrderBy(a => a.Id).ToListAsync(ct);
            var canMail = mail.CanSend && user is { IsDisabled: false, Email.Length: > 0 };
            var daily = new List<Alert>();
            foreach (var a in pending)
            {
                var delivery = canMail ? prefs.GetValueOrDefault(a.Kind, AlertPreference.Default) : AlertDelivery.Off;
                switch (delivery)
                {
                    case AlertDelivery.Immediate:
                        var (subject, body) = writer.Immediate(Item(a), user!.Culture, mail.PublicBaseUrl!);
                        db.OutboxMails.Add(OutboxMail.Queue($"alert:{a.Id.ToString(CultureInfo.InvariantCulture)}", userId, user.Email!, a.Kind.ToString(), subject, body, now));
                        a.MailHandled(now);
                        queued++;
                        break;
                    case AlertDelivery.Daily:
                        daily.Add(a);
                        break;
                    default:
                        a.MailHandled(now);
                        break;
                }
            }
            if (daily.Count > 0 && digestTime)
            {
                var key = $"digest:{userId}:{Day(today)}";
                if (!await db.OutboxMails.AnyAsync(m => m.DedupKey == key, ct))
                {
                    var (subject, body) = writer.Digest(daily.Select(Item).ToList(), user!.Culture, mail.PublicBaseUrl!, today);
                    db.OutboxMails.Add(OutboxMail.Queue(key, userId, user.Email!, OutboxMail.DigestKind, subject, body, now));
                    foreach (var a in daily) a.MailHandled(now);
                    queued++;
                }
            }
            // Per recipient: a mail and the alerts it tells of are saved together, or not at all.
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return queued;
    }

    private static AlertItem Item(Alert a) => new(a.Id, a.Kind, a.EngagementId, a.Customer, a.Service, a.On, a.SubjectKey);
}
