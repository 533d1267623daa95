using System.Globalization;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;

namespace FastTrack.Domain.Engagements;

/// <summary>An instance of a catalogue task in one engagement and cycle. It keeps its FTOP id for ever, even if the catalogue retires it.</summary>
public class EngagementTask
{
    private EngagementTask() { }

    internal EngagementTask(int cycle, CatalogueTask task)
    {
        Cycle = cycle;
        FtopId = task.FtopId;
        Task = task;
        Section = task.Section;
        SectionId = task.Section.Id;
        ProcessId = task.Section.Process.Id;
        PhaseId = task.Section.Process.Phase.Id;
        Mandatory = task.Mandatory;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public int Cycle { get; private set; }
    public int FtopId { get; private set; }
    public CatalogueTask Task { get; private set; } = null!;
    public int SectionId { get; private set; }
    public Section Section { get; private set; } = null!;
    public int ProcessId { get; private set; }
    public int PhaseId { get; private set; }
    /// <summary>Mandatory as the catalogue said when the task was generated.</summary>
    public bool Mandatory { get; private set; }
    public EngagementTaskStatus Status { get; private set; }
    /// <summary>Why the task is Not applicable or Blocked.</summary>
    public string? StatusReason { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? CompletionNote { get; private set; }
    public DateTime? ReopenedAt { get; private set; }
    public string? ReopenedBy { get; private set; }
    public int Version { get; private set; }

    public string Name(CultureInfo? culture = null) => Task.Name(culture);

    internal IReadOnlyList<FieldChange> SetStatus(EngagementTaskStatus status, string? reason, string? note, string by, DateTimeOffset now)
    {
        reason = Guard.Optional(reason);
        note = Guard.Optional(note);
        if (status is EngagementTaskStatus.NotApplicable or EngagementTaskStatus.Blocked && reason is null)
            throw new DomainException("A reason is required when a task is Not applicable or Blocked.");
        if (status is not (EngagementTaskStatus.NotApplicable or EngagementTaskStatus.Blocked)) reason = null;
        var newNote = status == EngagementTaskStatus.Completed ? note : null;
        var changes = new ChangeSet()
            .Track("Status", EngagementVocabulary.StatusName(Status), EngagementVocabulary.StatusName(status))
            .Track("Reason", StatusReason, reason)
            .Track("Completion note", CompletionNote, newNote);
        if (changes.Count == 0) return [];
        if (Status == EngagementTaskStatus.Completed && status != EngagementTaskStatus.Completed)
        {
            ReopenedAt = now.UtcDateTime;
            ReopenedBy = by;
        }
        if (status == EngagementTaskStatus.Completed && Status != EngagementTaskStatus.Completed)
        {
            CompletedAt = now.UtcDateTime;
            CompletedBy = by;
        }
        if (status != EngagementTaskStatus.Completed)
        {
            CompletedAt = null;
            CompletedBy = null;
        }
        Status = status;
        StatusReason = reason;
        CompletionNote = newNote;
        Version++;
        return changes.Items;
    }
}

/// <summary>A guidance step: a playbook section without tasks, shown in the checklist; maybe not applicable for some services.</summary>
public class EngagementStep
{
    private EngagementStep() { }

    internal EngagementStep(int cycle, GuidanceStep step)
    {
        Cycle = cycle;
        Section = step.Section;
        SectionId = step.Section.Id;
        ProcessId = step.Section.Process.Id;
        PhaseId = step.Section.Process.Phase.Id;
        Apply(step);
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public int Cycle { get; private set; }
    public int SectionId { get; private set; }
    public Section Section { get; private set; } = null!;
    public int ProcessId { get; private set; }
    public int PhaseId { get; private set; }
    /// <summary>Services for which the step does not apply, ';'-separated (the CSM handshake rule).</summary>
    public string NotApplicableServices { get; private set; } = "";
    public string? NotApplicableReason { get; private set; }

    public IReadOnlyList<string> NotApplicableFor => ServiceNames.Split(NotApplicableServices);

    internal void Apply(GuidanceStep step)
    {
        NotApplicableServices = string.Join(';', step.NotApplicableServices);
        NotApplicableReason = step.Reason;
    }
}

/// <summary>One service in an engagement's scope, with its DIBS, SSAT, success criterion, latest usage and workload status.</summary>
public class EngagementService
{
    private EngagementService() { }

    internal EngagementService(string service, int cycle)
    {
        Service = service;
        AddedInCycle = cycle;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public string Service { get; private set; } = "";
    public int AddedInCycle { get; private set; }

    public DateOnly? DibsDate { get; private set; }
    public string? DibsIntent { get; private set; }
    public string? DibsBusinessReason { get; private set; }
    public string? DibsSuccessOwner { get; private set; }

    public SsatStatus StakeholdersStatus { get; private set; }
    public string? StakeholdersNote { get; private set; }
    public SsatStatus ScenariosStatus { get; private set; }
    public string? ScenariosNote { get; private set; }
    public SsatStatus AwarenessStatus { get; private set; }
    public string? AwarenessNote { get; private set; }
    public SsatStatus TrainingStatus { get; private set; }
    public string? TrainingNote { get; private set; }

    /// <summary>A success criterion the customer defined instead of 10% AU, and whether it is met.</summary>
    public string? SuccessCriterion { get; private set; }
    public bool SuccessCriterionMet { get; private set; }

    public int? LatestActiveUsers { get; private set; }
    public int? LatestSeats { get; private set; }
    public DateOnly? LatestUsageOn { get; private set; }

    public string? WorkloadL1 { get; private set; }
    public string? WorkloadL2 { get; private set; }
    public string? WorkloadL3 { get; private set; }
    public DateOnly? WorkloadTargetOn { get; private set; }
    public string? WorkloadNote { get; private set; }
    /// <summary>The day the current workload status was set (the Blocked clock starts there); null for statuses set before the clocks.</summary>
    public DateOnly? WorkloadSetOn { get; private set; }

    /// <summary>The committed target date: the latest set, by a workload status's target date or by the FM directly (<see cref="SetTarget"/>).</summary>
    public DateOnly? TargetOn { get; private set; }
    /// <summary>Why the FM set <see cref="TargetOn"/> directly; null when a workload status set it.</summary>
    public string? TargetReason { get; private set; }

    /// <summary>The target the forecast is held against: <see cref="TargetOn"/>, or the workload status's date for data from before it.</summary>
    public DateOnly? CommittedTargetOn => TargetOn ?? WorkloadTargetOn;

    /// <summary>The day of the latest note about this service or the whole engagement (a Blocked workload's note clock restarts there).</summary>
    public DateOnly? LastNoteOn { get; private set; }

    /// <summary>The stored forecast (<see cref="UsageForecast"/> over the latest usage points): trend in points per 30 days, null with too few points.</summary>
    public decimal? ForecastTrend { get; private set; }
    /// <summary>The stored forecast's projected 10 % day; null when there is none (too few points, reached, flat or falling).</summary>
    public DateOnly? ForecastGoalOn { get; private set; }

    public int Version { get; private set; }

    internal IReadOnlyList<FieldChange> SavePlan(ServicePlan p)
    {
        var criterion = Guard.Optional(p.SuccessCriterion);
        var met = criterion is not null && p.SuccessCriterionMet;
        var changes = new ChangeSet()
            .Track("DIBS date", Iso(DibsDate), Iso(p.DibsDate))
            .Track("DIBS intent", DibsIntent, Guard.Optional(p.DibsIntent))
            .Track("DIBS business reason", DibsBusinessReason, Guard.Optional(p.DibsBusinessReason))
            .Track("DIBS success owner", DibsSuccessOwner, Guard.Optional(p.DibsSuccessOwner))
            .Track("Stakeholders", EngagementVocabulary.SsatName(StakeholdersStatus), EngagementVocabulary.SsatName(p.StakeholdersStatus))
            .Track("Stakeholders note", StakeholdersNote, Guard.Optional(p.StakeholdersNote))
            .Track("Scenarios", EngagementVocabulary.SsatName(ScenariosStatus), EngagementVocabulary.SsatName(p.ScenariosStatus))
            .Track("Scenarios note", ScenariosNote, Guard.Optional(p.ScenariosNote))
            .Track("Awareness", EngagementVocabulary.SsatName(AwarenessStatus), EngagementVocabulary.SsatName(p.AwarenessStatus))
            .Track("Awareness note", AwarenessNote, Guard.Optional(p.AwarenessNote))
            .Track("Training", EngagementVocabulary.SsatName(TrainingStatus), EngagementVocabulary.SsatName(p.TrainingStatus))
            .Track("Training note", TrainingNote, Guard.Optional(p.TrainingNote))
            .Track("Success criterion", SuccessCriterion, criterion)
            .Track("Success criterion met", SuccessCriterionMet ? "yes" : "no", met ? "yes" : "no");
        if (changes.Count == 0) return [];
        DibsDate = p.DibsDate;
        DibsIntent = Guard.Optional(p.DibsIntent);
        DibsBusinessReason = Guard.Optional(p.DibsBusinessReason);
        DibsSuccessOwner = Guard.Optional(p.DibsSuccessOwner);
        StakeholdersStatus = p.StakeholdersStatus;
        StakeholdersNote = Guard.Optional(p.StakeholdersNote);
        ScenariosStatus = p.ScenariosStatus;
        ScenariosNote = Guard.Optional(p.ScenariosNote);
        AwarenessStatus = p.AwarenessStatus;
        AwarenessNote = Guard.Optional(p.AwarenessNote);
        TrainingStatus = p.TrainingStatus;
        TrainingNote = Guard.Optional(p.TrainingNote);
        SuccessCriterion = criterion;
        SuccessCriterionMet = met;
        Version++;
        return changes.Items;
    }

    internal void ApplyUsage(UsageRecord r)
    {
        if (LatestUsageOn is { } latest && r.On < latest) return;
        LatestActiveUsers = r.ActiveUsers;
        LatestSeats = r.Seats;
        LatestUsageOn = r.On;
    }

    internal void ApplyWorkload(WorkloadStatusRecord r)
    {
        WorkloadL1 = r.L1;
        WorkloadL2 = r.L2;
        WorkloadL3 = r.L3;
        WorkloadTargetOn = r.TargetOn;
        WorkloadNote = r.Note;
        WorkloadSetOn = DateOnly.FromDateTime(r.RecordedAt);
        if (r.Note is not null) Noted(WorkloadSetOn.Value);
        // A status with a target date commits to it; one without keeps the committed target as it was.
        if (r.TargetOn is { } target && target != TargetOn)
        {
            TargetOn = target;
            TargetReason = null;
        }
    }

    /// <summary>The FM commits the service to a target date, with the reason (kept in the timeline). The same date again is a no-op.</summary>
    internal IReadOnlyList<FieldChange> SetTarget(DateOnly target, string reason)
    {
        if (target == CommittedTargetOn && reason == TargetReason) return [];
        var changes = new List<FieldChange>
        {
            new("Target date", Iso(CommittedTargetOn), Iso(target)),
            new("Reason", null, reason),
        };
        TargetOn = target;
        TargetReason = reason;
        Version++;
        return changes;
    }

    internal void Noted(DateOnly on)
    {
        if (LastNoteOn is null || on > LastNoteOn) LastNoteOn = on;
    }

    /// <summary>Keeps the forecast the portfolio and the alerts read (the page draws its own from every point).</summary>
    internal void ApplyForecast(UsageForecast f)
    {
        ForecastTrend = f.TrendPer30Days;
        ForecastGoalOn = f.Goal10.On;
    }

    internal static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>DIBS, SSAT and success criterion of one service, as the FM captures them.</summary>
public sealed record ServicePlan(
    DateOnly? DibsDate, string? DibsIntent, string? DibsBusinessReason, string? DibsSuccessOwner,
    SsatStatus StakeholdersStatus, string? StakeholdersNote, SsatStatus ScenariosStatus, string? ScenariosNote,
    SsatStatus AwarenessStatus, string? AwarenessNote, SsatStatus TrainingStatus, string? TrainingNote,
    string? SuccessCriterion, bool SuccessCriterionMet);

/// <summary>Active users of one service on one date; seats are the customer's at the time. History is kept.</summary>
public class UsageRecord
{
    private UsageRecord() { }

    internal UsageRecord(string service, DateOnly on, int activeUsers, int seats, string by, DateTimeOffset now)
    {
        Service = service;
        On = on;
        ActiveUsers = activeUsers;
        Seats = seats;
        RecordedBy = by;
        RecordedAt = now.UtcDateTime;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public string Service { get; private set; } = "";
    public DateOnly On { get; private set; }
    public int ActiveUsers { get; private set; }
    public int Seats { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public decimal Percent => ActiveUsageGoal.Percent(ActiveUsers, Seats);
}

/// <summary>One workload status code set on one service (history kept; the latest is the current one).</summary>
public class WorkloadStatusRecord
{
    private WorkloadStatusRecord() { }

    internal WorkloadStatusRecord(string service, WorkloadStatusCode code, DateOnly? targetOn, string? note, string by, DateTimeOffset now)
    {
        Service = service;
        L1 = code.L1;
        L2 = code.L2;
        L3 = code.L3;
        TargetOn = targetOn;
        Note = note;
        RecordedBy = by;
        RecordedAt = now.UtcDateTime;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public string Service { get; private set; } = "";
    public string L1 { get; private set; } = "";
    public string L2 { get; private set; } = "";
    public string L3 { get; private set; } = "";
    public DateOnly? TargetOn { get; private set; }
    public string? Note { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }

    public string Text => new WorkloadStatusCode(L1, L2, L3).Text;
}

/// <summary>A refused move that an FM made anyway, with the written reason and what was open at the time.</summary>
public class GateOverride
{
    private GateOverride() { }

    internal GateOverride(int cycle, string from, string to, string blockers, string reason, string by, DateTimeOffset now)
    {
        Cycle = cycle;
        From = from;
        To = to;
        Blockers = blockers;
        Reason = reason;
        By = by;
        At = now.UtcDateTime;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public int Cycle { get; private set; }
    public string From { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Blockers { get; private set; } = "";
    public string Reason { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTime At { get; private set; }
}

/// <summary>A note on an engagement, optionally about one service. Append-only.</summary>
public class EngagementNote
{
    private EngagementNote() { }

    internal EngagementNote(string? service, string text, string by, DateTimeOffset now)
    {
        Service = service;
        Text = text;
        By = by;
        At = now.UtcDateTime;
    }

    public int Id { get; private set; }
    public int EngagementId { get; private set; }
    public string? Service { get; private set; }
    public string Text { get; private set; } = "";
    public string By { get; private set; } = "";
    public DateTime At { get; private set; }
}
