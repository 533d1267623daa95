using System.Linq.Expressions;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// "Ready for the success review": in Support Success Execution with every mandatory task of that step done (or not
/// applicable) and every service at the goal. One definition for the portfolio's section and the alerts.
/// </summary>
public static class SuccessReviewReadiness
{
    public static readonly Expression<Func<Engagement, bool>> Ready = e => e.CurrentProcess.NameEn == "Support Success Execution"
        && !e.Tasks.Any(t => t.Cycle == e.Cycle && t.ProcessId == e.CurrentProcessId && t.Mandatory
            && t.Status != EngagementTaskStatus.Completed && t.Status != EngagementTaskStatus.NotApplicable)
        && !e.Services.Any(s => !s.SuccessCriterionMet && (s.LatestActiveUsers == null || s.LatestActiveUsers * 10 < s.LatestSeats));
}
