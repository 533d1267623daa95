using System.Globalization;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Partners;

namespace FastTrack.Domain.Engagements;

/// <summary>The dates an engagement is planned by.</summary>
public sealed record EngagementDates(DateOnly AssignedOn, DateOnly? StartOn, DateOnly? TargetEnablementOn, DateOnly? TargetSuccessReviewOn);

/// <summary>What a phase move did: from where to where, and the override when the gate was passed by one.</summary>
public sealed record MoveResult(string From, string To, GateOverride? Override);

/// <summary>
/// One FastTrack engagement with one customer, from kickoff to success review, cycle after cycle. The aggregate
/// guards the playbook's rules: each change goes through a method here that refuses what the playbook forbids.
/// </summary>
public class Engagement
{
    private Engagement() { }

    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public Customer Customer { get; private set; } = null!;
    public string ManagerId { get; private set; } = "";
    public int? PartnerOrganisationId { get; private set; }
    public PartnerOrganisation? PartnerOrganisation { get; private set; }
    public EngagementMotion Motion { get; private set; }
    public DateOnly AssignedOn { get; private set; }
    public DateOnly? StartOn { get; private set; }
    public DateOnly? TargetEnablementOn { get; private set; }
    public DateOnly? TargetSuccessReviewOn { get; private set; }
    public int CurrentPhaseId { get; private set; }
    public Phase CurrentPhase { get; private set; } = null!;
    public int CurrentProcessId { get; private set; }
    public Process CurrentProcess { get; private set; } = null!;
    /// <summary>1 for the first pass through the playbook; each scope expansion starts the next cycle at Initiate.</summary>
    public int Cycle { get; private set; }
    public EngagementState State { get; private set; }
    public SuccessReviewOutcome? Outcome { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>RFA only: the day task 3616 (first contact) is due.</summary>
    public DateOnly? FirstContactDueOn { get; private set; }
    public bool FirstContactDone { get; private set; }
    /// <summary>The latest day the customer responded, as the FM or an assigned partner recorded it (the no-response clock).</summary>
    public DateOnly? LastCustomerContactOn { get; private set; }
    /// <summary>The day the engagement entered its current step (the success review clock); null for moves made before it was kept.</summary>
    public DateOnly? StepEnteredOn { get; private set; }
    public int Version { get; private set; }
    /// <summary>
    /// Raised whenever the engagement's partner staff change (assigned, or removed with its organisation): the staff form
    /// carries it, so of two FMs saving the staff at once the second is told. Separate from <see cref="Version"/>, so task
    /// work meanwhile does not refuse a staff change.
    /// </summary>
    public int PartnerStaffVersion { get; private set; }

    /// <summary>The engagement's partner staff were changed (the assignments are rows of their own).</summary>
    public void PartnerStaffChanged() => PartnerStaffVersion++;

    /// <summary>
    /// The phases the FM took out of this engagement's plan, as their ids (<see cref="PhasePlan.Format"/>). The skipped
    /// ones are stored, not the planned: a phase an admin adds to the catalogue later applies until the FM skips it.
    /// </summary>
    public string SkippedPhases { get; private set; } = "";

    private (string From, IReadOnlySet<int> Ids) _skippedIds = ("", new HashSet<int>());

    /// <summary>The ids in <see cref="SkippedPhases"/>, parsed once per value.</summary>
    public IReadOnlySet<int> SkippedPhaseIds
    {
        get
        {
            if (!ReferenceEquals(_skippedIds.From, SkippedPhases)) _skippedIds = (SkippedPhases, PhasePlan.Parse(SkippedPhases));
            return _skippedIds.Ids;
        }
    }

    /// <summary>Whether the engagement goes through this phase.</summary>
    public bool Plans(int phaseId) => !SkippedPhaseIds.Contains(phaseId);

    /// <summary>The phases this engagement goes through, in playbook order (e.g. Initiate, Assess, Enable, Success).</summary>
    public IReadOnlyList<Phase> PlannedPhases(Playbook playbook) =>
        playbook.Phases.Where(p => p.Processes.Count > 0 && Plans(p.Id)).ToList();

    /// <summary>The next step of this engagement's plan; null at its last step.</summary>
    public Process? NextStep(Playbook playbook) => playbook.Next(CurrentProcessId, SkippedPhaseIds);

    public List<EngagementService> Services { get; private set; } = [];
    public List<EngagementTask> Tasks { get; private set; } = [];
    public List<EngagementStep> Steps { get; private set; } = [];
    public List<UsageRecord> UsageRecords { get; private set; } = [];
    public List<WorkloadStatusRecord> WorkloadStatuses { get; private set; } = [];
    public List<GateOverride> Overrides { get; private set; } = [];
    public List<EngagementNote> Notes { get; private set; } = [];

    public IReadOnlyList<string> ServiceNames => Services.Select(s => s.Service).ToList();

    public bool IsFirstContactOverdue(DateOnly today) =>
        State == EngagementState.Active && RfaFirstContact.IsOverdue(FirstContactDueOn, FirstContactDone, today);

    public static Engagement Start(Customer customer, string managerId, PartnerOrganisation? partner, EngagementMotion motion,
        IReadOnlyCollection<string> services, EngagementDates dates, Playbook playbook, IReadOnlyCollection<int>? phases = null)
    {
        if (services.Count == 0) throw new DomainException("Choose at least one service in scope.");
        SeatsRule.EnsureLicensed(customer, services);
        var e = new Engagement
        {
            Customer = customer,
            CustomerId = customer.Id,
            ManagerId = Guard.Name(managerId, "FastTrack manager"),
            PartnerOrganisation = partner,
            PartnerOrganisationId = partner?.Id,
            Motion = motion,
            Cycle = 1,
            State = EngagementState.Active,
        };
        e.SetDates(dates);
        foreach (var s in services.Distinct(StringComparer.OrdinalIgnoreCase)) e.Services.Add(new EngagementService(s, 1));
        e.SkippedPhases = e.CheckedPlan(phases is { Count: > 0 } ? phases : PhasePlan.Default(playbook, e.ServiceNames), playbook);
        e.Enter(playbook.First);
        e.StepEnteredOn = dates.AssignedOn;
        return e;
    }

    public IReadOnlyList<FieldChange> Edit(string managerId, PartnerOrganisation? partner, EngagementMotion motion,
        IReadOnlyCollection<string> services, EngagementDates dates, Playbook playbook)
    {
        EnsureActive();
        var removed = ServiceNames.Where(s => !services.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (removed.Count > 0)
            throw new DomainException("Services cannot be removed from an engagement ({0}); mark their tasks Not applicable instead.", string.Join(", ", removed));
        var added = services.Where(s => !ServiceNames.Contains(s, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        SeatsRule.EnsureLicensed(Customer, added);
        var changes = new ChangeSet()
            .Track("FastTrack manager", ManagerId, managerId)
            .Track("Partner", PartnerOrganisation?.Name, partner?.Name)
            .Track("Motion", EngagementVocabulary.MotionName(Motion), EngagementVocabulary.MotionName(motion))
            .Track("Assigned", EngagementService.Iso(AssignedOn), EngagementService.Iso(dates.AssignedOn))
            .Track("Start", EngagementService.Iso(StartOn), EngagementService.Iso(dates.StartOn))
            .Track("Target enablement", EngagementService.Iso(TargetEnablementOn), EngagementService.Iso(dates.TargetEnablementOn))
            .Track("Target success review", EngagementService.Iso(TargetSuccessReviewOn), EngagementService.Iso(dates.TargetSuccessReviewOn))
            .Track("Services", string.Join(", ", ServiceNames), string.Join(", ", ServiceNames.Concat(added)));
        if (changes.Count == 0) return [];
        ManagerId = Guard.Name(managerId, "FastTrack manager");
        if (PartnerOrganisation?.Name != partner?.Name) PartnerStaffVersion++;
        PartnerOrganisation = partner;
        PartnerOrganisationId = partner?.Id;
        Motion = motion;
        SetDates(dates);
        if (added.Count > 0) AddServices(added, playbook);
        Version++;
        return changes.Items;
    }

    /// <summary>Moves to the next step of the playbook (the target must be it). Repeating a move is a no-op.</summary>
    public MoveResult? MoveTo(int targetProcessId, Playbook playbook, string? overrideReason, string by, DateTimeOffset now)
    {
        if (CurrentProcessId == targetProcessId) return null;
        EnsureActive();
        var next = NextStep(playbook)
            ?? throw new DomainException("This is the last step of the playbook: complete the success review (task 3735) to close the cycle.");
        if (next.Id != targetProcessId)
            throw new DomainException("An engagement moves one step at a time: the next step is {0}.", next.Name());

        var samePhase = next.Phase.Id == CurrentPhaseId;
        var target = samePhase ? next.Name() : next.Phase.Name();
        var blockers = PhaseGate.Blockers(Tasks, Cycle, CurrentPhaseId, samePhase ? CurrentProcessId : null);
        var gaps = next.NameEn == PlaybookNames.ConductSuccessReview
            ? SuccessReviewEntry.Gaps(Services, s => Customer.SeatsFor(s) ?? 0)
            : [];
        var reason = Guard.Optional(overrideReason);
        GateOverride? recorded = null;
        if (blockers.Count > 0 || gaps.Count > 0)
        {
            if (reason is null)
            {
                if (blockers.Count > 0) throw new DomainException(PhaseGate.RefusalFor(blockers.Count), blockers.Count, target, PhaseGate.Describe(blockers));
                throw new DomainException(SuccessReviewEntry.RefusalFor(gaps.Count), gaps.Count, string.Join("; ", gaps));
            }
            var open = string.Join("; ", new[] { PhaseGate.Describe(blockers, CultureInfo.InvariantCulture), string.Join("; ", gaps) }.Where(s => s.Length > 0));
            recorded = new GateOverride(Cycle, CurrentProcess.NameEn, next.NameEn, open, reason, by, now);
            Overrides.Add(recorded);
        }
        var from = CurrentProcess.NameEn;
        if (samePhase)
        {
            CurrentProcess = next;
            CurrentProcessId = next.Id;
        }
        else Enter(next.Phase);
        StepEnteredOn = DateOnly.FromDateTime(now.UtcDateTime);
        Version++;
        return new MoveResult(from, next.NameEn, recorded);
    }

    /// <summary>
    /// The FM chooses which phases the engagement goes through (<paramref name="phases"/>: the ids of all of them, in any
    /// order), with the reason; at kickoff and at any later gate. Only the phases after the current one can change:
    /// Initiate, Assess and Success always apply. Choosing the plan the engagement has is a no-op.
    /// </summary>
    public IReadOnlyList<FieldChange> ChangePhasePlan(IReadOnlyCollection<int> phases, string? reason, Playbook playbook)
    {
        EnsureActive();
        var skipped = CheckedPlan(phases, playbook);
        if (skipped == SkippedPhases) return [];
        var why = Guard.Name(reason, "The reason for the change");
        var before = PhasePlan.Path(PlannedPhases(playbook), CultureInfo.InvariantCulture);
        SkippedPhases = skipped;
        Version++;
        return [new FieldChange("Phases", before, PhasePlan.Path(PlannedPhases(playbook), CultureInfo.InvariantCulture)), new FieldChange("Reason", null, why)];
    }

    /// <summary>Whether these phases are the engagement's plan already (a repeated change).</summary>
    public bool HasPlan(IReadOnlyCollection<int> phases, Playbook playbook) => PhasePlan.Skipped(playbook, phases) == SkippedPhases;

    /// <summary>The stored skipped phases of a chosen plan, refused when it drops a phase that always applies or changes the current or an earlier phase.</summary>
    private string CheckedPlan(IReadOnlyCollection<int> phases, Playbook playbook)
    {
        if (phases.Any(id => playbook.Phases.All(p => p.Id != id))) throw new DomainException("Choose phases from the catalogue's list.");
        var skipped = new List<int>();
        foreach (var phase in playbook.Phases.Where(p => p.Processes.Count > 0))
        {
            var chosen = phases.Contains(phase.Id);
            if (!chosen && PhasePlan.AlwaysApplies(phase, playbook))
                throw new DomainException("{0} is part of every engagement: Initiate, Assess and Success always apply.", phase.Name());
            if (CurrentPhase is not null && phase.Order <= CurrentPhase.Order && chosen != Plans(phase.Id))
                throw phase.Id == CurrentPhaseId
                    ? new DomainException("The engagement is in {0}: the plan changes only the phases after it.", phase.Name())
                    : new DomainException("{0} is behind the engagement: the plan changes only the phases after {1}.", phase.Name(), CurrentPhase.Name());
            if (!chosen) skipped.Add(phase.Id);
        }
        return PhasePlan.Format(skipped);
    }

    public IReadOnlyList<FieldChange> SetTaskStatus(int taskId, EngagementTaskStatus status, string? reason, string? note, string by, DateTimeOffset now) =>
        SetTaskStatus(ActiveTask(taskId), status, reason, note, by, now);

    private EngagementTask ActiveTask(int taskId)
    {
        EnsureActive();
        return Task(taskId);
    }

    /// <summary>As above, for a task not saved yet (its id is still 0): the demo data generator works on new engagements.</summary>
    internal IReadOnlyList<FieldChange> SetTaskStatus(EngagementTask task, EngagementTaskStatus status, string? reason, string? note, string by, DateTimeOffset now)
    {
        EnsureActive();
        if (!Tasks.Contains(task)) throw new NotFoundException("Task");
        if (status == EngagementTaskStatus.Completed && task.FtopId == PlaybookNames.SuccessReviewTask && task.Status != EngagementTaskStatus.Completed)
            throw new DomainException("Task 3735 closes the engagement: complete it with the success review form, which asks for the outcome.");
        var changes = task.SetStatus(status, reason, note, by, now);
        FirstContactDone = Tasks.Any(t => t.FtopId == PlaybookNames.FirstContactTask && t.Status == EngagementTaskStatus.Completed);
        return changes;
    }

    public EngagementTask Task(int taskId) => Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw new NotFoundException("Task");

    /// <summary>Completes task 3735 with one of the four outcomes. Enabling additional workloads starts a new cycle at Initiate.</summary>
    public IReadOnlyList<FieldChange> CompleteSuccessReview(SuccessReviewOutcome outcome, string? note, IReadOnlyCollection<string> addedServices,
        Playbook playbook, string by, DateTimeOffset now, DateOnly today)
    {
        EnsureActive();
        if (CurrentProcess.NameEn != PlaybookNames.ConductSuccessReview)
            throw new DomainException("The success review is held in Conduct Success Review; the engagement is in {0}.", CurrentProcess.Name());
        var review = Tasks.FirstOrDefault(t => t.Cycle == Cycle && t.FtopId == PlaybookNames.SuccessReviewTask)
            ?? throw new DomainException("Task 3735 (Conduct Success Review Meeting) is not on this engagement's checklist.");
        var blockers = PhaseGate.Blockers(Tasks, Cycle, CurrentPhaseId, CurrentProcessId).Where(t => t.Id != review.Id).ToList();
        if (blockers.Count > 0)
            throw new DomainException(PhaseGate.RefusalFor(blockers.Count), blockers.Count, EngagementVocabulary.OutcomeName(outcome), PhaseGate.Describe(blockers));
        var added = addedServices.Where(s => !ServiceNames.Contains(s, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (outcome == SuccessReviewOutcome.EnableAdditionalWorkloads && added.Count == 0)
            throw new DomainException("Name at least one new service: enabling additional workloads starts a new cycle at Initiate with them.");
        if (outcome == SuccessReviewOutcome.EnableAdditionalWorkloads) SeatsRule.EnsureLicensed(Customer, added);
        if (outcome == SuccessReviewOutcome.HandToCsm && !Customer.HasCsm)
            throw new DomainException(CsmHandshakeRule.NoCsmForHandover);

        var changes = new List<FieldChange>(review.SetStatus(EngagementTaskStatus.Completed, null, note, by, now))
        {
            new("Outcome", Outcome is null ? null : EngagementVocabulary.OutcomeName(Outcome.Value), EngagementVocabulary.OutcomeName(outcome)),
        };
        Outcome = outcome;
        switch (outcome)
        {
            case SuccessReviewOutcome.EnableAdditionalWorkloads:
                changes.Add(new FieldChange("Services", string.Join(", ", ServiceNames), string.Join(", ", ServiceNames.Concat(added))));
                changes.Add(new FieldChange("Cycle", Cycle.ToString(CultureInfo.InvariantCulture), (Cycle + 1).ToString(CultureInfo.InvariantCulture)));
                Cycle++;
                foreach (var s in added) Services.Add(new EngagementService(s, Cycle));
                Enter(playbook.First);
                StepEnteredOn = today;
                break;
            case SuccessReviewOutcome.Disengage:
                changes.Add(new FieldChange("State", State.ToString(), nameof(EngagementState.Disengaged)));
                State = EngagementState.Disengaged;
                ClosedOn = today;
                break;
            default:
                changes.Add(new FieldChange("State", State.ToString(), nameof(EngagementState.Completed)));
                State = EngagementState.Completed;
                ClosedOn = today;
                break;
        }
        Version++;
        return changes;
    }

    public EngagementService Service(string service) =>
        Services.FirstOrDefault(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase))
        ?? throw new DomainException("{0} is not a service of this engagement.", service);

    public IReadOnlyList<FieldChange> SaveServicePlan(string service, ServicePlan plan)
    {
        EnsureActive();
        if (plan.DibsBusinessReason is { Length: > 0 } r && !EngagementVocabulary.BusinessReasons.Contains(r))
            throw new DomainException("Choose a business reason from the list.");
        return Service(service).SavePlan(plan);
    }

    public UsageRecord RecordUsage(string service, DateOnly on, int activeUsers, string by, DateTimeOffset now, DateOnly today)
    {
        EnsureActive();
        var svc = Service(service);
        var seats = Customer.SeatsFor(svc.Service) ?? 0;
        if (seats <= 0) throw new DomainException("The customer has no seats of {0}: record its licensed seats on the customer first.", svc.Service);
        if (activeUsers < 0) throw new DomainException("Active users cannot be negative.");
        if (activeUsers > seats) throw new DomainException("Active users ({0}) cannot exceed the customer's {1} seats of {2}.", activeUsers, seats, svc.Service);
        if (on < AssignedOn) throw new DomainException("The date cannot be before the engagement was assigned ({0}).", EngagementService.Iso(AssignedOn)!);
        if (on > today) throw new DomainException("The date cannot be in the future.");
        var record = new UsageRecord(svc.Service, on, activeUsers, seats, by, now);
        UsageRecords.Add(record);
        svc.ApplyUsage(record);
        return record;
    }

    public WorkloadStatusRecord SetWorkloadStatus(string service, string l1, string? l2, string? l3, DateOnly? targetOn, string? note, string by, DateTimeOffset now)
    {
        EnsureActive();
        var svc = Service(service);
        var code = WorkloadStatusCodes.Find(l1, l2, l3) ?? throw new DomainException("Choose a workload status from FTOP's list.");
        note = Guard.Optional(note);
        if (code.L1 == WorkloadStatusCodes.InProgress && targetOn is null) throw new DomainException("In Progress needs a target date.");
        if (code.L1 == WorkloadStatusCodes.Blocked && note is null) throw new DomainException("Blocked needs a note saying what blocks the workload.");
        if (targetOn is { } t && t < AssignedOn) throw new DomainException("The date cannot be before the engagement was assigned ({0}).", EngagementService.Iso(AssignedOn)!);
        TargetDateWindow.Ensure(targetOn, DateOnly.FromDateTime(now.UtcDateTime));
        var record = new WorkloadStatusRecord(svc.Service, code, targetOn, note, by, now);
        WorkloadStatuses.Add(record);
        svc.ApplyWorkload(record);
        return record;
    }

    public EngagementNote AddNote(string? service, string text, string by, DateTimeOffset now)
    {
        var svc = string.IsNullOrWhiteSpace(service) ? null : Service(service).Service;
        var note = new EngagementNote(svc, Guard.Name(text, "Note"), by, now);
        Notes.Add(note);
        // A note about the whole engagement speaks for each of its services too (the Blocked clock).
        var on = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var s in Services.Where(s => svc is null || s.Service == svc)) s.Noted(on);
        return note;
    }

    /// <summary>
    /// The FM commits a service to a target date for its 10 % goal, with the reason; it replaces the workload status's
    /// date as the one the forecast is held against. Within the planned-date window (assigned date to three years on).
    /// </summary>
    public IReadOnlyList<FieldChange> SetServiceTarget(string service, DateOnly target, string? reason, DateOnly today)
    {
        EnsureActive();
        var svc = Service(service);
        var why = Guard.Name(reason, "The reason for the target date");
        if (target < AssignedOn) throw new DomainException("The date cannot be before the engagement was assigned ({0}).", EngagementService.Iso(AssignedOn)!);
        TargetDateWindow.Ensure(target, today);
        return svc.SetTarget(target, why);
    }

    /// <summary>The customer responded on this day (the no-response clock restarts there). Not in the future, not before assignment.</summary>
    public IReadOnlyList<FieldChange> RecordCustomerContact(DateOnly on, DateOnly today)
    {
        EnsureActive();
        if (on > today) throw new DomainException("The date cannot be in the future.");
        if (on < AssignedOn) throw new DomainException("The date cannot be before the engagement was assigned ({0}).", EngagementService.Iso(AssignedOn)!);
        if (on == LastCustomerContactOn) return [];
        var change = new FieldChange("Last customer contact", EngagementService.Iso(LastCustomerContactOn), EngagementService.Iso(on));
        LastCustomerContactOn = on;
        Version++;
        return [change];
    }

    /// <summary>Draws the service's stored forecast again through its latest points (after usage was recorded).</summary>
    public UsageForecast RefreshForecast(string service, IEnumerable<(DateOnly On, decimal Percent)> points, int window)
    {
        var forecast = UsageForecast.From(points, window);
        Service(service).ApplyForecast(forecast);
        return forecast;
    }

    private void SetDates(EngagementDates d)
    {
        foreach (var date in new[] { d.StartOn, d.TargetEnablementOn, d.TargetSuccessReviewOn })
            if (date is { } x && x < d.AssignedOn) throw new DomainException("The date cannot be before the engagement was assigned ({0}).", EngagementService.Iso(d.AssignedOn)!);
        AssignedOn = d.AssignedOn;
        StartOn = d.StartOn;
        TargetEnablementOn = d.TargetEnablementOn;
        TargetSuccessReviewOn = d.TargetSuccessReviewOn;
        FirstContactDueOn = RfaFirstContact.DueOn(Motion, AssignedOn);
    }

    private void EnsureActive()
    {
        if (State != EngagementState.Active)
            throw new DomainException("The engagement is closed ({0}); nothing can change on it.", Outcome is null ? State.ToString() : EngagementVocabulary.OutcomeName(Outcome.Value));
    }

    /// <summary>
    /// The customer's CSM came or went while the engagement runs (<see cref="Customer"/> already edited): from now on the
    /// checklist of the phases entered follows <see cref="CsmHandshakeRule"/>. With a CSM the handshake tasks are added (or
    /// reopened where the rule had set them aside) and the two steps become not applicable; without one the open handshake
    /// tasks become Not applicable with the rule's reason and the steps apply again. Tasks already worked stay as they are.
    /// </summary>
    public IReadOnlyList<FieldChange> FollowCsm(Playbook playbook, string by, DateTimeOffset now)
    {
        if (State != EngagementState.Active) return [];
        var changes = new List<FieldChange>();
        var hasCsm = Customer.HasCsm;
        var handshake = Tasks.Where(t => t.Cycle == Cycle && CsmHandshakeRule.IsHandshakeTask(t.FtopId)).ToList();
        foreach (var t in handshake)
        {
            var applies = CsmHandshakeRule.IncludesTask(t.FtopId, hasCsm, ServiceNames);
            var set = applies
                ? t.Status == EngagementTaskStatus.NotApplicable && t.StatusReason == CsmHandshakeRule.NoCsmReason
                    ? t.SetStatus(EngagementTaskStatus.NotStarted, null, null, by, now) : []
                : t.Status is EngagementTaskStatus.NotStarted or EngagementTaskStatus.InProgress or EngagementTaskStatus.Blocked
                    ? t.SetStatus(EngagementTaskStatus.NotApplicable, CsmHandshakeRule.NoCsmReason, null, by, now) : [];
            changes.AddRange(set.Where(c => c.Field == "Status").Select(c => c with { Field = $"{t.FtopId} {t.Task.NameEn}" }));
        }
        var steps = Steps.Where(s => s.Cycle == Cycle).ToDictionary(s => s, s => s.NotApplicableServices);
        var known = Tasks.Count;
        foreach (var phase in playbook.Phases.Where(p => p.Order <= CurrentPhase.Order)) Generate(phase);
        changes.AddRange(Tasks.Skip(known).Select(t => new FieldChange($"{t.FtopId} {t.Task.NameEn}", null, EngagementVocabulary.StatusName(t.Status))));
        foreach (var (step, before) in steps.Where(x => x.Key.NotApplicableServices != x.Value))
            changes.Add(new FieldChange(step.Section.NameEn, NotApplicableText(before), NotApplicableText(step.NotApplicableServices)));
        if (changes.Count > 0) Version++;
        return changes;
    }

    private static string NotApplicableText(string services) =>
        services.Length == 0 ? "Applies" : "Not applicable for " + string.Join(", ", ServiceNamesOf(services));

    private static IReadOnlyList<string> ServiceNamesOf(string services) => Catalogue.ServiceNames.Split(services);

    /// <summary>Enters a phase: its first process, and the checklist of the phase for the services in scope.</summary>
    private void Enter(Phase phase)
    {
        CurrentPhase = phase;
        CurrentPhaseId = phase.Id;
        CurrentProcess = Playbook.FirstProcess(phase);
        CurrentProcessId = CurrentProcess.Id;
        Generate(phase);
    }

    private void AddServices(IReadOnlyCollection<string> added, Playbook playbook)
    {
        foreach (var s in added) Services.Add(new EngagementService(s, Cycle));
        foreach (var phase in playbook.Phases.Where(p => p.Order <= CurrentPhase.Order && Plans(p.Id))) Generate(phase);
    }

    /// <summary>Adds the phase's missing tasks and steps for this cycle; tasks already there stay as they are.</summary>
    private void Generate(Phase phase)
    {
        var checklist = ChecklistGenerator.Generate(phase, ServiceNames, Motion, Customer.HasCsm);
        foreach (var task in checklist.Tasks.Where(t => !Tasks.Any(x => x.Cycle == Cycle && x.FtopId == t.FtopId)))
            Tasks.Add(new EngagementTask(Cycle, task));
        foreach (var step in checklist.Steps)
        {
            var existing = Steps.FirstOrDefault(s => s.Cycle == Cycle && s.SectionId == step.Section.Id);
            if (existing is null) Steps.Add(new EngagementStep(Cycle, step));
            else existing.Apply(step);
        }
    }
}
