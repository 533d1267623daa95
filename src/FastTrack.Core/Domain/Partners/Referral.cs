using FastTrack.Domain.Common;

namespace FastTrack.Domain.Partners;

/// <summary>
/// Task 983 QuickLeads: during an engagement someone (the FM, or assigned partner staff) refers the customer to a
/// partner organisation for work beyond FastTrack's scope. Who referred whom to which organisation, and when
/// (docs/engagements.md, QuickLeads referrals).
/// </summary>
public sealed class Referral
{
    public const int NoteLength = 500;

    private Referral() { }

    public Referral(int engagementId, int customerId, PartnerOrganisation organisation, DateOnly referredOn, string? note,
        string byUserId, string byName, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (referredOn > today) throw new DomainException("A referral cannot be dated in the future.");
        if (referredOn < today.AddYears(-5)) throw new DomainException("A referral is dated within the last five years.");
        var trimmed = Guard.Optional(note);
        if (trimmed?.Length > NoteLength) throw new DomainException("The note is at most 500 characters.");
        EngagementId = engagementId;
        CustomerId = customerId;
        PartnerOrganisation = organisation;
        PartnerOrganisationId = organisation.Id;
        ReferredOn = referredOn;
        Note = trimmed;
        ReferredBy = byUserId;
        ReferredByName = byName;
        RecordedAt = now.UtcDateTime;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    /// <summary>Whom: the engagement's customer.</summary>
    public int CustomerId { get; private set; }
    /// <summary>To whom: the partner organisation the customer was referred to.</summary>
    public int PartnerOrganisationId { get; private set; }
    public PartnerOrganisation PartnerOrganisation { get; private set; } = null!;
    /// <summary>When the customer was referred (the day, as the person recording it says).</summary>
    public DateOnly ReferredOn { get; private set; }
    public string? Note { get; private set; }
    /// <summary>Who referred: the user who recorded it (id and display name at the time).</summary>
    public string ReferredBy { get; private set; } = "";
    public string ReferredByName { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
}
