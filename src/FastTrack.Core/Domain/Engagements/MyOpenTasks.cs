using FastTrack.Domain.Catalogue;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// The engagement page's "my open tasks" filter: a task not yet done (neither Completed nor Not applicable, as the phase
/// gate counts) whose catalogue role is the caller's side. FastTrack managers and admins own the FastTrack Manager tasks;
/// partner staff do the delivery work of the playbook: every other role (FastTrack Engineer, SME, FastTrack Architect,
/// Migration Velocity Manager, GetModern FTA, a partner role …).
/// </summary>
public static class MyOpenTasks
{
    public static bool Includes(EngagementTask task, bool manages) =>
        !PhaseGate.Passes(task.Status) && IsOfSide(task.Task.Role, manages);

    public static bool IsOfSide(string role, bool manages) =>
        manages
            ? role == CatalogueRoles.FastTrackManager || role == Roles.FastTrackManager
            : role != CatalogueRoles.FastTrackManager && role != Roles.FastTrackManager;
}
