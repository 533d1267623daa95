using System.Linq.Expressions;

namespace FastTrack.Domain.Engagements;

/// <summary>The clocks that run on an engagement: each has an allowance, and is overdue once the allowance has passed.</summary>
public enum ClockKind
{
    /// <summary>RFA: task 3616 within 2 business days of the assigned date (<see cref="RfaFirstContact"/>).</summary>
    RfaFirstContact,
    /// <summary>A workload In Progress past its committed target date.</summary>
    InProgressPastTarget,
    /// <summary>A workload Blocked for more than N days without a note (on the service or the whole engagement).</summary>
    BlockedWithoutNote,
    /// <summary>No customer response for more than N days since the last customer contact (or the assigned date).</summary>
    NoCustomerResponse,
    /// <summary>In Conduct Success Review for more than N days without the review (task 3735) being held.</summary>
    SuccessReviewNotHeld,
}

/// <summary>The clocks' thresholds, appsettings section "Clocks" (defaults as the playbook's habits say).</summary>
public sealed class ClockSettings
{
    public const string Section = "Clocks";

    /// <summary>A Blocked workload needs a note at least this often (days).</summary>
    public int BlockedWithoutNoteDays { get; set; } = 14;

    /// <summary>The customer answers at least this often (days).</summary>
    public int NoCustomerResponseDays { get; set; } = 30;

    /// <summary>The success review is held within this many days of entering Conduct Success Review.</summary>
    public int SuccessReviewNotHeldDays { get; set; } = 14;

    /// <summary>How many of a service's latest usage points its forecast line goes through.</summary>
    public int ForecastPoints { get; set; } = UsageForecast.DefaultWindow;

    /// <summary>The allowance of a clock in days (RFA's is business days, In Progress's is the target date itself: 0).</summary>
    public int DaysFor(ClockKind kind) => kind switch
    {
        ClockKind.RfaFirstContact => RfaFirstContact.BusinessDaysAllowed,
        ClockKind.BlockedWithoutNote => BlockedWithoutNoteDays,
        ClockKind.NoCustomerResponse => NoCustomerResponseDays,
        ClockKind.SuccessReviewNotHeld => SuccessReviewNotHeldDays,
        _ => 0,
    };

    /// <summary>Settings that cannot work (a threshold under 1 day, a forecast window under 3 points), by key; empty when fine.</summary>
    public IReadOnlyList<(string Key, string Problem)> Problems()
    {
        var list = new List<(string, string)>();
        void Check(string name, int value, int least)
        {
            if (value < least) list.Add(($"{Section}:{name}", $"is {value}: it must be at least {least}"));
        }
        Check(nameof(BlockedWithoutNoteDays), BlockedWithoutNoteDays, 1);
        Check(nameof(NoCustomerResponseDays), NoCustomerResponseDays, 1);
        Check(nameof(SuccessReviewNotHeldDays), SuccessReviewNotHeldDays, 1);
        Check(nameof(ForecastPoints), ForecastPoints, UsageForecast.MinimumPoints);
        return list;
    }
}

/// <summary>One clock running on an engagement (or one of its services).</summary>
/// <param name="Service">The service it runs for; null for the whole engagement.</param>
/// <param name="Since">The day it started (the assigned date, the day a workload was blocked or last noted, the last contact …).</param>
/// <param name="DueOn">The last day within the allowance: the clock is overdue from the day after.</param>
public sealed record ClockReading(ClockKind Kind, string? Service, DateOnly Since, DateOnly DueOn, bool Overdue)
{
    public int DaysSince(DateOnly today) => today.DayNumber - Since.DayNumber;

    public int DaysOverdue(DateOnly today) => Math.Max(0, today.DayNumber - DueOn.DayNumber);
}

/// <summary>A service whose committed target date is at risk: the forecast falls after it, or it passed under the goal.</summary>
public sealed record TargetFlag(string Service, DateOnly TargetOn, DateOnly? ProjectedOn, TargetStanding Standing);

/// <summary>Every clock running on one engagement today and its services' target flags (what an alert or digest reports).</summary>
public sealed record ClockEvaluation(int EngagementId, IReadOnlyList<ClockReading> Running, IReadOnlyList<TargetFlag> Targets)
{
    public IEnumerable<ClockReading> Overdue => Running.Where(c => c.Overdue);
}

/// <summary>
/// The one place that defines each clock: <see cref="Evaluate"/> reads them off an engagement (the engagement page, the
/// alerts), and the <c>…Overdue</c> expressions are the same rules as database filters (the portfolio's counts). Both
/// read the same stored facts: the dates on <see cref="Engagement"/> and <see cref="EngagementService"/>.
/// </summary>
public static class Clocks
{
    /// <summary>
    /// The clocks running on an active engagement today, overdue or not, and its services' target flags. Needs the
    /// engagement's services, its current process and (for the success review) its tasks; a closed engagement has none.
    /// </summary>
    public static ClockEvaluation Evaluate(Engagement e, DateOnly today, ClockSettings settings)
    {
        if (e.State != EngagementState.Active) return new ClockEvaluation(e.Id, [], []);
        var running = new List<ClockReading>();
        if (FirstContact(e, today) is { } rfa) running.Add(rfa);
        foreach (var s in e.Services)
        {
            if (InProgressPastTarget(s, today) is { } late) running.Add(late);
            if (BlockedWithoutNote(s, today, settings) is { } blocked) running.Add(blocked);
        }
        running.Add(NoCustomerResponse(e, today, settings));
        if (SuccessReviewNotHeld(e, today, settings) is { } review) running.Add(review);
        var targets = e.Services.Select(s => Target(s, today)).OfType<TargetFlag>().ToList();
        return new ClockEvaluation(e.Id, running, targets);
    }

    /// <summary>RFA first contact: from the assigned date to its due day (2 business days), until 3616 is completed.</summary>
    public static ClockReading? FirstContact(Engagement e, DateOnly today) =>
        e.FirstContactDueOn is { } due && !e.FirstContactDone
            ? new ClockReading(ClockKind.RfaFirstContact, null, e.AssignedOn, due, RfaFirstContact.IsOverdue(due, false, today))
            : null;

    /// <summary>In Progress with a committed target date: runs until that date, overdue after it.</summary>
    public static ClockReading? InProgressPastTarget(EngagementService s, DateOnly today) =>
        s.WorkloadL1 == WorkloadStatusCodes.InProgress && s.CommittedTargetOn is { } target
            ? new ClockReading(ClockKind.InProgressPastTarget, s.Service, s.WorkloadSetOn ?? target, target, today > target)
            : null;

    /// <summary>Blocked: from the day it was blocked or last noted (whichever is later), for the allowance.</summary>
    public static ClockReading? BlockedWithoutNote(EngagementService s, DateOnly today, ClockSettings settings)
    {
        if (s.WorkloadL1 != WorkloadStatusCodes.Blocked || s.WorkloadSetOn is not { } blockedOn) return null; // set before the clocks: no date
        var since = s.LastNoteOn is { } noted && noted > blockedOn ? noted : blockedOn;
        var due = since.AddDays(settings.BlockedWithoutNoteDays);
        return new ClockReading(ClockKind.BlockedWithoutNote, s.Service, since, due, today > due);
    }

    /// <summary>Always runs on an active engagement: from the last customer contact recorded, or the assigned date.</summary>
    public static ClockReading NoCustomerResponse(Engagement e, DateOnly today, ClockSettings settings)
    {
        var since = e.LastCustomerContactOn ?? e.AssignedOn;
        var due = since.AddDays(settings.NoCustomerResponseDays);
        return new ClockReading(ClockKind.NoCustomerResponse, null, since, due, today > due);
    }

    /// <summary>From the day the engagement entered Conduct Success Review until task 3735 is completed (which closes the cycle).</summary>
    public static ClockReading? SuccessReviewNotHeld(Engagement e, DateOnly today, ClockSettings settings)
    {
        if (e.CurrentProcess?.NameEn != PlaybookNames.ConductSuccessReview || e.StepEnteredOn is not { } since) return null;
        var due = since.AddDays(settings.SuccessReviewNotHeldDays);
        return new ClockReading(ClockKind.SuccessReviewNotHeld, null, since, due, today > due);
    }

    /// <summary>The service's committed target against its stored forecast (<see cref="EngagementService.ForecastGoalOn"/>).</summary>
    public static TargetFlag? Target(EngagementService s, DateOnly today)
    {
        if (s.CommittedTargetOn is not { } target) return null;
        var standing = TargetCheck.Stand(target, GoalMet(s), s.ForecastTrend is not null, s.ForecastGoalOn, today);
        return standing == TargetStanding.OnTrack ? null : new TargetFlag(s.Service, target, s.ForecastGoalOn, standing);
    }

    /// <summary>10 % AU on the latest figure, or a success criterion recorded and met (as the success review entry counts it).</summary>
    public static bool GoalMet(EngagementService s) =>
        s.SuccessCriterionMet || (s.LatestActiveUsers is int users && s.LatestSeats is int seats && ActiveUsageGoal.GoalMet(users, seats));

    // ---- The same rules as database filters (the portfolio counts and lists them without loading engagements). ----

    public static Expression<Func<Engagement, bool>> FirstContactOverdue(DateOnly today) =>
        e => e.FirstContactDueOn != null && e.FirstContactDueOn < today && !e.FirstContactDone;

    public static Expression<Func<EngagementService, bool>> InProgressPastTargetOverdue(DateOnly today) =>
        s => s.WorkloadL1 == WorkloadStatusCodes.InProgress && (s.TargetOn ?? s.WorkloadTargetOn) < today;

    public static Expression<Func<EngagementService, bool>> BlockedWithoutNoteOverdue(DateOnly today, ClockSettings settings)
    {
        var cutoff = today.AddDays(-settings.BlockedWithoutNoteDays);
        return s => s.WorkloadL1 == WorkloadStatusCodes.Blocked && s.WorkloadSetOn < cutoff && (s.LastNoteOn == null || s.LastNoteOn < cutoff);
    }

    public static Expression<Func<Engagement, bool>> NoCustomerResponseOverdue(DateOnly today, ClockSettings settings)
    {
        var cutoff = today.AddDays(-settings.NoCustomerResponseDays);
        return e => (e.LastCustomerContactOn ?? e.AssignedOn) < cutoff;
    }

    public static Expression<Func<Engagement, bool>> SuccessReviewNotHeldOverdue(DateOnly today, ClockSettings settings)
    {
        var cutoff = today.AddDays(-settings.SuccessReviewNotHeldDays);
        return e => e.CurrentProcess.NameEn == PlaybookNames.ConductSuccessReview && e.StepEnteredOn < cutoff;
    }

    /// <summary><see cref="Target"/> as a filter: a committed target under the goal that has passed, or that the forecast misses.</summary>
    public static Expression<Func<EngagementService, bool>> TargetAtRisk(DateOnly today) =>
        s => (s.TargetOn ?? s.WorkloadTargetOn) != null
            && !s.SuccessCriterionMet && (s.LatestActiveUsers == null || s.LatestActiveUsers * 10 < s.LatestSeats)
            && ((s.TargetOn ?? s.WorkloadTargetOn) < today
                || (s.ForecastTrend != null && (s.ForecastGoalOn == null || s.ForecastGoalOn > (s.TargetOn ?? s.WorkloadTargetOn))));
}
