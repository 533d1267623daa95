namespace FastTrack.Common.Security;

/// <summary>Who is sending the current request; the web layer fills it from the signed-in principal.</summary>
public interface ICurrentUser
{
    string? Id { get; }
    string Name { get; }
    bool IsAuthenticated { get; }
    bool IsInRole(string role);
    /// <summary>A partner's organisation (from the sign-in), or null.</summary>
    int? PartnerOrganisationId { get; }
}
