using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;

namespace FastTrack.Domain.Alerts;

/// <summary>What an alert says. Each clock of <see cref="ClockKind"/> has one (its overdue state), plus two that are not clocks.</summary>
public enum AlertKind
{
    RfaFirstContactOverdue,
    InProgressPastTarget,
    BlockedWithoutNote,
    NoCustomerResponse,
    SuccessReviewNotHeld,
    /// <summary>A committed target at risk: the forecast now falls after it, or it passed under the goal (<see cref="TargetFlag"/>).</summary>
    TargetAtRisk,
    /// <summary>The engagement became ready for the success review (<see cref="SuccessReviewReadiness"/>).</summary>
    ReadyForReview,
}

/// <summary>How a user hears of a kind of alert: a mail of its own at once, in the daily digest, or only in the app.</summary>
public enum AlertDelivery
{
    Immediate,
    Daily,
    Off,
}

/// <summary>Which group of the daily digest a kind belongs to.</summary>
public enum DigestGroup
{
    NewOverdue,
    ForecastsSlipped,
    ReadyForReview,
}

/// <summary>
/// One state change told to one user: (recipient, kind, engagement, subject key) is unique, so the same overdue clock
/// (same service, same due day), the same slipped target or the same readiness is never alerted twice. A clock that
/// starts again (a new contact moves the due day) has a new subject key and may alert again once overdue.
/// </summary>
public class Alert
{
    private Alert() { }

    public long Id { get; private set; }
    public string RecipientId { get; private set; } = "";
    public AlertKind Kind { get; private set; }
    public int EngagementId { get; private set; }
    /// <summary>What makes this alert distinct within its kind and engagement: service and date ("Teams|2026-03-01").</summary>
    public string SubjectKey { get; private set; } = "";
    /// <summary>The customer's name when the alert was raised (the list and the mails need no join).</summary>
    public string Customer { get; private set; } = "";
    public string? Service { get; private set; }
    /// <summary>The clock's due day, or the committed target date.</summary>
    public DateOnly? On { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? ReadAt { get; private set; }
    /// <summary>When mail delivery dealt with it: queued at once, put in a digest, or passed over (delivery Off). Null: not yet.</summary>
    public DateTime? MailHandledAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Alert Raise(string recipientId, AlertKind kind, int engagementId, string subjectKey, string customer, string? service, DateOnly? on, DateTimeOffset now) => new()
    {
        RecipientId = Guard.Name(recipientId, "Recipient"),
        Kind = kind,
        EngagementId = engagementId,
        SubjectKey = subjectKey,
        Customer = customer,
        Service = service,
        On = on,
        CreatedAt = now.UtcDateTime,
    };

    /// <summary>Marks it read; reading it again changes nothing.</summary>
    public bool MarkRead(DateTimeOffset now)
    {
        if (ReadAt is not null) return false;
        ReadAt = now.UtcDateTime;
        return true;
    }

    public void MailHandled(DateTimeOffset now) => MailHandledAt ??= now.UtcDateTime;

    public static DigestGroup GroupOf(AlertKind kind) => kind switch
    {
        AlertKind.TargetAtRisk => DigestGroup.ForecastsSlipped,
        AlertKind.ReadyForReview => DigestGroup.ReadyForReview,
        _ => DigestGroup.NewOverdue,
    };

    public static AlertKind For(ClockKind clock) => clock switch
    {
        ClockKind.RfaFirstContact => AlertKind.RfaFirstContactOverdue,
        ClockKind.InProgressPastTarget => AlertKind.InProgressPastTarget,
        ClockKind.BlockedWithoutNote => AlertKind.BlockedWithoutNote,
        ClockKind.NoCustomerResponse => AlertKind.NoCustomerResponse,
        ClockKind.SuccessReviewNotHeld => AlertKind.SuccessReviewNotHeld,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, null),
    };
}

/// <summary>A user's choice for one kind; a kind without a row is <see cref="AlertDelivery.Daily"/>.</summary>
public class AlertPreference
{
    private AlertPreference() { }

    public AlertPreference(string userId, AlertKind kind, AlertDelivery delivery)
    {
        UserId = userId;
        Kind = kind;
        Delivery = delivery;
    }

    public const AlertDelivery Default = AlertDelivery.Daily;

    public string UserId { get; private set; } = "";
    public AlertKind Kind { get; private set; }
    public AlertDelivery Delivery { get; set; }
}

/// <summary>
/// One mail to send (the outbox, ADR 0019). A sender claims it with a lease (<see cref="LeaseOwner"/> until
/// <see cref="LeaseUntil"/>), sends it and marks it sent; on failure it is tried again after a back-off. The row stays
/// once sent: it is the record of every mail sent.
/// </summary>
public class OutboxMail
{
    private OutboxMail() { }

    public long Id { get; private set; }
    /// <summary>Unique: "digest:{user}:{day}" or "alert:{alert id}", so the same mail is never queued twice.</summary>
    public string DedupKey { get; private set; } = "";
    public string RecipientId { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    /// <summary>"Digest" or the alert kind of an immediate mail.</summary>
    public string Kind { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntil { get; private set; }

    public const string DigestKind = "Digest";

    public static OutboxMail Queue(string dedupKey, string recipientId, string toAddress, string kind, string subject, string body, DateTimeOffset now) => new()
    {
        DedupKey = dedupKey,
        RecipientId = recipientId,
        ToAddress = Guard.Name(toAddress, "Recipient address"),
        Kind = kind,
        Subject = subject,
        Body = body,
        CreatedAt = now.UtcDateTime,
        NextAttemptAt = now.UtcDateTime,
    };

    /// <summary>The wait before attempt n+1 after n failures: base × 2^(n−1), at most <paramref name="cap"/>.</summary>
    public static TimeSpan BackOff(int failures, TimeSpan first, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, cap.Ticks));
        return wait < first ? first : wait;
    }
}

/// <summary>A named lease in the database, so that one instance at a time runs a job (the alert evaluation and digest).</summary>
public class Lease
{
    public const string AlertRun = "AlertRun";

    public string Name { get; set; } = "";
    public string? Owner { get; set; }
    public DateTime Until { get; set; }
}
