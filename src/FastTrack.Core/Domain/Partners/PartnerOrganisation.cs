using FastTrack.Domain.Common;

namespace FastTrack.Domain.Partners;

/// <summary>
/// A FastTrack partner organisation. Admins create and rename it; its staff (users with the Partner role) belong to
/// exactly one, and see only the engagements assigned to it (docs/security.md).
/// </summary>
public class PartnerOrganisation
{
    private PartnerOrganisation() { }

    public PartnerOrganisation(string name) => Name = Guard.Name(name, "Partner organisation");

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Raised by every rename: two admins renaming at once, the second is told (docs/security.md).</summary>
    public int Version { get; private set; }

    public FieldChange? Rename(string name)
    {
        var trimmed = Guard.Name(name, "Partner organisation");
        if (trimmed == Name) return null;
        var change = new FieldChange("Name", Name, trimmed);
        Name = trimmed;
        Version++;
        return change;
    }
}

/// <summary>A named partner user assigned to an engagement: only they (of their organisation) may work on it.</summary>
public class EngagementPartnerAssignment
{
    private EngagementPartnerAssignment() { }

    public EngagementPartnerAssignment(int engagementId, string userId, string by, DateTimeOffset now)
    {
        EngagementId = engagementId;
        UserId = userId;
        AssignedBy = by;
        AssignedAt = now.UtcDateTime;
    }

    public int EngagementId { get; private set; }
    public string UserId { get; private set; } = "";
    public string AssignedBy { get; private set; } = "";
    public DateTime AssignedAt { get; private set; }
}
