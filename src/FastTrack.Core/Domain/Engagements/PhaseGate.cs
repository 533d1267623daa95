using System.Globalization;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// An engagement leaves a phase (or, within a phase, a process) only when each mandatory task of it is
/// Completed or Not applicable. The refusal names each blocking task by id and name.
/// </summary>
public static class PhaseGate
{
    public const string Refusal = "{0} mandatory tasks block the move to {1}: {2}";
    public const string RefusalOne = "{0} mandatory task blocks the move to {1}: {2}";

    /// <summary>The refusal in the singular or the plural (Japanese and Chinese translate both alike).</summary>
    public static string RefusalFor(int count) => count == 1 ? RefusalOne : Refusal;

    public static bool Passes(EngagementTaskStatus status) =>
        status is EngagementTaskStatus.Completed or EngagementTaskStatus.NotApplicable;

    /// <summary>The open mandatory tasks of the cycle in the phase, or only in the process when one is given.</summary>
    public static IReadOnlyList<EngagementTask> Blockers(IEnumerable<EngagementTask> tasks, int cycle, int phaseId, int? processId = null) =>
        tasks.Where(t => t.Cycle == cycle && t.PhaseId == phaseId && (processId is null || t.ProcessId == processId)
                && t.Mandatory && !Passes(t.Status))
            .OrderBy(t => t.FtopId)
            .ToList();

    /// <summary>"994 Conduct Initiate/Kickoff Meeting(s), 3616 Complete Initial customer outreach".</summary>
    public static string Describe(IEnumerable<EngagementTask> blockers, CultureInfo? culture = null) =>
        string.Join(", ", blockers.Select(t => $"{t.FtopId} {t.Name(culture)}"));
}

/// <summary>A service short of the success review entry: its active users, seats and gap to 10%.</summary>
public sealed record ServiceGap(string Service, int ActiveUsers, int Seats, int Gap)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0} {1}/{2} ({3} users short of 10%)", Service, ActiveUsers, Seats, Gap);
}

/// <summary>
/// Success Review entry: every intended service has at least 10% AU (latest record), or a customer-defined
/// success criterion recorded for it and marked met.
/// </summary>
public static class SuccessReviewEntry
{
    public const string Refusal = "{0} services are short of the goal for the success review (10% active usage or a met success criterion): {1}";
    public const string RefusalOne = "{0} service is short of the goal for the success review (10% active usage or a met success criterion): {1}";

    public static string RefusalFor(int count) => count == 1 ? RefusalOne : Refusal;

    /// <param name="seatsOf">The customer's seats of a service, used when no usage was recorded yet.</param>
    public static IReadOnlyList<ServiceGap> Gaps(IEnumerable<EngagementService> services, Func<string, int> seatsOf) =>
        services
            .Where(s => !(s.SuccessCriterionMet && !string.IsNullOrWhiteSpace(s.SuccessCriterion)))
            .Select(s => (s.Service, Active: s.LatestActiveUsers ?? 0, Seats: s.LatestSeats ?? seatsOf(s.Service)))
            .Where(s => !ActiveUsageGoal.GoalMet(s.Active, s.Seats))
            .Select(s => new ServiceGap(s.Service, s.Active, s.Seats, ActiveUsageGoal.Gap(s.Active, s.Seats)))
            .OrderBy(g => g.Service, StringComparer.Ordinal)
            .ToList();
}
