using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FastTrack.Features.Alerts;

/// <summary>
/// Sends the outbox (ADR 0019). A round claims due, unsent rows with a lease (an UPDATE that only takes rows whose lease
/// has expired, checked again on the row itself, so two instances never claim the same row), sends each through
/// <see cref="IMailSender"/>, and marks it sent with an UPDATE that requires the lease still to be this round's. A failure
/// records the error and the next attempt after an exponential back-off. Rows stay once sent: the record of every mail.
/// </summary>
public sealed class OutboxSender(FastTrackDbContext db, TimeProvider clock, MailSettings settings, IMailSender sender, ILogger<OutboxSender> log)
{
    private const int BatchSize = 20;
    /// <summary>A mail is sent only while its lease has at least this long left (an SMTP send times out after 30 s).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(60);

    public sealed record Outcome(int Claimed, int Sent, int Failed);

    /// <summary>One round (the seam the background service and the tests call).</summary>
    public async Task<Outcome> SendDueAsync(CancellationToken ct)
    {
        db.ScopeTo(null);
        if (!settings.CanSend) return new Outcome(0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.OutboxMails.Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (candidates.Count == 0) return new Outcome(0, 0, 0);
        var token = Guid.NewGuid().ToString("N");
        var until = now + settings.Lease;
        // The lease condition is on the updated row itself: on PostgreSQL a second claimer waiting for the row lock
        // re-checks it against the committed row and takes nothing; SQLite has one writer at a time.
        int claimed;
        using (await GateAsync(ct))
            claimed = await db.OutboxMails.Where(m => candidates.Contains(m.Id) && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, token).SetProperty(m => m.LeaseUntil, until), ct);
        if (claimed == 0) return new Outcome(0, 0, 0);
        var rows = await db.OutboxMails.Where(m => m.LeaseOwner == token).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ToAddress, m.Subject, m.Body, m.Attempts }).ToListAsync(ct);
        int sent = 0, failed = 0;
        foreach (var row in rows)
        {
            // Past the margin the lease may run out during the send and another instance claim the row: leave it.
            if (clock.GetUtcNow().UtcDateTime > until - Margin) break;
            try
            {
                await sender.SendAsync(new OutgoingMail(row.ToAddress, row.Subject, row.Body), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var at = clock.GetUtcNow().UtcDateTime;
                var next = at + Domain.Alerts.OutboxMail.BackOff(row.Attempts + 1, settings.RetryFirst, settings.RetryAtMost);
                var error = $"{ex.GetType().Name}: {ex.Message}";
                if (error.Length > 1000) error = error[..1000];
                using (await GateAsync(CancellationToken.None))
                    await db.OutboxMails.Where(m => m.Id == row.Id && m.LeaseOwner == token).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
                log.LogWarning("Mail {MailId} not sent (attempt {Attempt}), next attempt at {NextAttempt:O}: {Error}", row.Id, row.Attempts + 1, next, ex.GetType().Name);
                failed++;
                continue;
            }
            var sentAt = clock.GetUtcNow().UtcDateTime;
            int marked;
            using (await GateAsync(CancellationToken.None))
                marked = await db.OutboxMails.Where(m => m.Id == row.Id && m.LeaseOwner == token && m.SentAt == null).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            if (marked == 0) log.LogWarning("Mail {MailId} was sent after its lease had passed: it may go out twice", row.Id);
            sent++;
        }
        // Rows left unsent in this round (lease margin) become free when their lease ends.
        return new Outcome(claimed, sent, failed);
    }

    private async Task<IDisposable?> GateAsync(CancellationToken ct) =>
        db.Database.CurrentTransaction is null && db is SqliteFastTrackDbContext ? await SqliteWriteGate.EnterAsync(db.Database.GetConnectionString(), ct) : null;
}
