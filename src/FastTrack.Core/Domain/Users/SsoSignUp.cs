using FastTrack.Domain.Common;

namespace FastTrack.Domain.Users;

public enum SsoSignUpStatus { Pending, Approved, Rejected }

/// <summary>
/// A person who signed in through single sign-on for the first time while new users wait for approval
/// (<c>Sso:NewUsers = Approve</c>): what the provider said about them, until an admin approves (creating the user with the
/// role and organisation the admin confirms) or rejects them. One row per provider identity (issuer + subject).
/// </summary>
public sealed class SsoSignUp
{
    public const int IssuerLength = 256;
    public const int SubjectLength = 256;

    private SsoSignUp() { }

    public int Id { get; private set; }
    public string Issuer { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    /// <summary>The role the provider's claims map to, if any: what the admin sees first.</summary>
    public string? SuggestedRole { get; private set; }
    public int? SuggestedOrganisationId { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public SsoSignUpStatus Status { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    /// <summary>The user created on approval.</summary>
    public string? UserId { get; private set; }
    /// <summary>Concurrency token: two admins deciding at once, the second is told.</summary>
    public int Version { get; private set; }

    public static SsoSignUp Request(string issuer, string subject, string email, string displayName, string? suggestedRole,
        int? suggestedOrganisationId, DateTimeOffset now)
    {
        Guard.Name(issuer, "The provider's issuer");
        Guard.Name(subject, "The provider's subject");
        Guard.Name(email, "An e-mail address");
        return new SsoSignUp
        {
            Issuer = issuer, Subject = subject, Email = email.Trim(), DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            SuggestedRole = suggestedRole, SuggestedOrganisationId = suggestedOrganisationId, RequestedAt = now.UtcDateTime,
            Status = SsoSignUpStatus.Pending,
        };
    }

    public void Approve(string userId, string by, DateTimeOffset now)
    {
        if (Status != SsoSignUpStatus.Pending) throw new DomainException("This sign-up has already been decided.");
        Status = SsoSignUpStatus.Approved;
        UserId = userId;
        DecidedBy = by;
        DecidedAt = now.UtcDateTime;
        Version++;
    }

    public void Reject(string by, DateTimeOffset now)
    {
        if (Status != SsoSignUpStatus.Pending) throw new DomainException("This sign-up has already been decided.");
        Status = SsoSignUpStatus.Rejected;
        DecidedBy = by;
        DecidedAt = now.UtcDateTime;
        Version++;
    }
}
