using Microsoft.AspNetCore.Identity;

namespace FastTrack.Domain.Users;

/// <summary>A person who signs in: an admin, a FastTrack manager or a partner's staff member.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The organisation of a Partner user (required for them, empty for everyone else).</summary>
    public int? PartnerOrganisationId { get; set; }
    /// <summary>The language last chosen while signed in ("en", "ja", "zh-Hans"; null: English): the language of their mails.</summary>
    public string? Culture { get; set; }
    /// <summary>
    /// A Partner who may issue, list, rotate and revoke API tokens for the users of their own organisation (set by an
    /// admin on the user's page; meaningless, and kept false, for everyone else).
    /// </summary>
    public bool IsOrganisationAdmin { get; set; }
}
