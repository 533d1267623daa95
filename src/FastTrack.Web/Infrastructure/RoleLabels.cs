using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Infrastructure;

/// <summary>The English label of a role (the key of its translation); role names themselves are identifiers.</summary>
public static class RoleLabels
{
    public static string For(string role) => role switch
    {
        Roles.Admin => "Administrator",
        Roles.FastTrackManager => "FastTrack manager",
        Roles.Partner => "Partner staff",
        _ => role,
    };
}
