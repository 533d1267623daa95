using FastTrack.Common.Caching;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// Everything the engagement page shows: checklist, progress, gate preview, usage, workloads, notes and timeline, and
/// which controls the caller may use (<see cref="Access"/>). Not found for an engagement the caller may not see.
/// </summary>
public static class GetEngagement
{
    [AnySignedInUser]
    /// <param name="WorkloadHistory">Also load every workload status ever set (the workload page shows them).</param>
    public sealed record Query(int Id, bool WorkloadHistory = false) : IRequest<View>;

    public sealed record Progress(string Label, int Done, int Total)
    {
        /// <summary>The phase counted (null for a service): its name is taken in the reader's language when shown.</summary>
        public Domain.Catalogue.Phase? Phase { get; init; }

        public string Name() => Phase?.Name() ?? Label;

        public int Percent => Total == 0 ? 100 : Done * 100 / Total;
    }

    public sealed record ServiceUsage(string Service, int Seats, int? ActiveUsers, DateOnly? On)
    {
        public decimal Percent => ActiveUsageGoal.Percent(ActiveUsers ?? 0, Seats);
        public int Gap => ActiveUsageGoal.Gap(ActiveUsers ?? 0, Seats);
        public bool GoalMet => ActiveUsageGoal.GoalMet(ActiveUsers ?? 0, Seats);
        public bool EnablementComplete => ActiveUsageGoal.EnablementComplete(ActiveUsers ?? 0, Seats);
        public int EnablementTarget => ActiveUsageGoal.EnablementTarget(Seats);
        /// <summary>No seats of a service in scope, or more active users than seats: data from before <see cref="SeatsRule"/>.</summary>
        public bool NoSeats => Seats <= 0;
        public bool AboveSeats => Seats > 0 && ActiveUsers > Seats;
    }

    public sealed record View(
        Engagement Engagement, string ManagerName, Playbook Playbook, Process? Next, IReadOnlyList<EngagementTask> GateBlockers,
        IReadOnlyList<ServiceGap> ReviewGaps, IReadOnlyList<Progress> PhaseProgress, IReadOnlyList<Progress> ServiceProgress,
        IReadOnlyList<ServiceUsage> Usage, IReadOnlyList<AuditEntry> Timeline, DateOnly Today)
    {
        public bool FirstContactOverdue => Engagement.IsFirstContactOverdue(Today);
        public bool NextIsSuccessReview => Next?.NameEn == PlaybookNames.ConductSuccessReview;
        public bool InSuccessReview => Engagement.CurrentProcess.NameEn == PlaybookNames.ConductSuccessReview;
        public IEnumerable<EngagementTask> CycleTasks => Engagement.Tasks.Where(t => t.Cycle == Engagement.Cycle);

        /// <summary>
        /// The current cycle's checklist in the page's order: each phase and process that has tasks or guidance steps, its
        /// sections by their order (with the section's step), and their tasks by FTOP id. Grouped once per view: the view is
        /// cached (the handler) and the page shows it on every visit.
        /// </summary>
        public IReadOnlyList<ChecklistPhase> Checklist => checklist ??= GroupChecklist();

        /// <summary>Every process of the engagement's plan in order, for the stepper.</summary>
        public IReadOnlyList<(Phase Phase, Process Process)> Steps =>
            steps ??= [.. Engagement.PlannedPhases(Playbook).SelectMany(p => p.Processes.OrderBy(x => x.Order).Select(x => (p, x)))];

        /// <summary>The phases the engagement goes through (its path), in order.</summary>
        public IReadOnlyList<Phase> PlannedPhases => plannedPhases ??= Engagement.PlannedPhases(Playbook);

        /// <summary>
        /// Each phase of the catalogue for the plan form: whether the engagement goes through it, and whether the FM may
        /// change that (only the phases after the current one, and never Initiate, Assess or Success).
        /// </summary>
        public IReadOnlyList<PlanChoice> PlanChoices => planChoices ??= [.. Playbook.Phases.Where(p => p.Processes.Count > 0).Select(p => new PlanChoice(p,
            Engagement.Plans(p.Id), p.Order > Engagement.CurrentPhase.Order && !PhasePlan.AlwaysApplies(p, Playbook)))];

        private IReadOnlyList<Phase>? plannedPhases;
        private IReadOnlyList<PlanChoice>? planChoices;

        private IReadOnlyList<ChecklistPhase>? checklist;
        private IReadOnlyList<(Phase, Process)>? steps;

        private List<ChecklistPhase> GroupChecklist()
        {
            var cycle = Engagement.Cycle;
            var tasks = CycleTasks.ToList();
            var stepsOfCycle = Engagement.Steps.Where(s => s.Cycle == cycle).ToList();
            var phases = new List<ChecklistPhase>();
            foreach (var phase in Playbook.Phases)
            {
                var processes = new List<ChecklistProcess>();
                foreach (var process in phase.Processes.OrderBy(p => p.Order))
                {
                    var ofProcess = tasks.Where(t => t.ProcessId == process.Id).ToList();
                    var stepsOfProcess = stepsOfCycle.Where(s => s.ProcessId == process.Id).ToList();
                    if (ofProcess.Count == 0 && stepsOfProcess.Count == 0) continue;
                    var sections = ofProcess.Select(t => t.Section).Concat(stepsOfProcess.Select(s => s.Section))
                        .DistinctBy(s => s.Id).OrderBy(s => s.Order)
                        .Select(section => new ChecklistSection(section, stepsOfProcess.FirstOrDefault(s => s.SectionId == section.Id),
                            [.. ofProcess.Where(t => t.SectionId == section.Id).OrderBy(t => t.FtopId)]))
                        .ToList();
                    processes.Add(new ChecklistProcess(process, sections));
                }
                if (processes.Count > 0) phases.Add(new ChecklistPhase(phase, processes));
            }
            return phases;
        }

        /// <summary>Which controls the caller may use (a partner sees only theirs).</summary>
        public Access Access { get; init; } = new(false, false);

        /// <summary>Every usage point recorded (the chart and the usage history); not on <see cref="Engagement"/>.</summary>
        public IReadOnlyList<UsagePoint> UsageRecords { get; init; } = [];

        /// <summary>The engagement's notes; not on <see cref="Engagement"/>.</summary>
        public IReadOnlyList<Note> Notes { get; init; } = [];

        /// <summary>Each service's forecast through its latest usage points, with its committed target (the page's forecast table and chart).</summary>
        public IReadOnlyList<ServiceForecast> Forecasts { get; init; } = [];

        /// <summary>The clocks running on the engagement today (<see cref="Domain.Engagements.Clocks.Evaluate"/>).</summary>
        public ClockEvaluation Clocks { get; init; } = new(0, [], []);

        /// <summary>The thresholds of the clocks and the forecast window (the page says "more than 30 days").</summary>
        public ClockSettings Settings { get; init; } = new();
    }

    /// <param name="Version">The service's version (the target form sends it back).</param>
    public sealed record ServiceForecast(string Service, UsageForecast Forecast, DateOnly? TargetOn, string? TargetReason, TargetStanding Standing, int Version);

    /// <param name="Planned">The engagement goes through the phase.</param>
    /// <param name="Choosable">The FM may change that now: a later phase that does not always apply.</param>
    public sealed record PlanChoice(Phase Phase, bool Planned, bool Choosable);

    public sealed record ChecklistPhase(Phase Phase, IReadOnlyList<ChecklistProcess> Processes);

    public sealed record ChecklistProcess(Process Process, IReadOnlyList<ChecklistSection> Sections);

    /// <param name="Step">The section's guidance step in this cycle, if it has one.</param>
    public sealed record ChecklistSection(Section Section, EngagementStep? Step, IReadOnlyList<EngagementTask> Tasks);

    /// <param name="CanManage">Edit, move phases, override gates, DIBS/SSAT, success review, assign partners (Admin, FM).</param>
    /// <param name="CanWork">Task status with notes, usage, workload status, notes (Admin, FM, or a Partner assigned to it).</param>
    public sealed record Access(bool CanManage, bool CanWork);

    /// <summary>Active users of one service on one date, as recorded.</summary>
    public sealed record UsagePoint(string Service, DateOnly On, int ActiveUsers, int Seats, string RecordedBy, DateTime RecordedAt)
    {
        public decimal Percent => ActiveUsageGoal.Percent(ActiveUsers, Seats);
    }

    public sealed record Note(DateTime At, string By, string? Service, string Text);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, ReadCache cache, Microsoft.Extensions.Options.IOptions<ClockSettings> options) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken ct)
        {
            // The page is opened far more often than the engagement changes: the view is cached in this process per caller
            // and read again only when the engagement (or anything it holds), the catalogue or the directory changed through
            // any instance, or the day turned. The check is one small command through the query filters: an engagement the
            // caller may not see has no stamp and goes on to the read below, which says "not found".
            var stamp = await RevisionStamps.EngagementAsync(db, request.Id);
            if (stamp is null) return await ReadAsync(request, ct);
            var roles = (user.IsInRole(Roles.Admin), user.IsInRole(Roles.FastTrackManager), user.IsInRole(Roles.Partner));
            return await cache.GetOrReadAsync((nameof(GetEngagement), request, stamp, EngagementStore.Today(clock), user.Id, roles),
                () => ReadAsync(request, ct),
                Bytes);
        }

        /// <summary>
        /// What a view holds: three objects' worth a row (entity, its collections' slots, its strings' headers) and the
        /// text of the timeline and notes, which is where a long engagement grows (ReadCache).
        /// </summary>
        private static long Bytes(View v)
        {
            var rows = 1 + v.Engagement.Tasks.Count + v.Engagement.Steps.Count + v.Timeline.Count + v.UsageRecords.Count + v.Notes.Count
                + v.Engagement.WorkloadStatuses.Count + v.Playbook.Phases.Sum(p => p.Processes.Sum(pr => pr.Sections.Sum(s => 1 + s.Tasks.Count)));
            var text = v.Timeline.Sum(a => Weigh.Text(a.Summary) + Weigh.Text(a.ChangesJson) + Weigh.Text(a.UserName) + Weigh.Text(a.EntityId))
                + v.Notes.Sum(n => Weigh.Text(n.Text) + Weigh.Text(n.By))
                + v.Engagement.Tasks.Sum(t => Weigh.Text(t.StatusReason) + Weigh.Text(t.CompletionNote) + Weigh.Text(t.CompletedBy) + Weigh.Text(t.ReopenedBy));
            return 3 * Weigh.Row * rows + text;
        }

        private async Task<View> ReadAsync(Query request, CancellationToken ct)
        {
            // Four commands whatever the number of rows (QueryBudgetTests): the engagement with what the caller may do,
            // the playbook with this engagement's checklist, usage and notes together, and the timeline. Tracked on
            // purpose: EF's fix-up links the checklist to the catalogue (task, section) and to the engagement (Tasks, Steps).
            // Every read goes through the global query filters: another organisation's engagement is not found.
            var manages = user.IsInRole(Roles.Admin) || user.IsInRole(Roles.FastTrackManager);
            var partner = !manages && user.IsInRole(Roles.Partner);
            var userId = user.Id ?? "";
            // The engagement goes through its filter; what hangs off it (and the reads below, by its id) skip the parts'.
            var head = await db.Engagements.ReachedFromVisibleEngagements().AsTracking().AsSingleQuery()
                .Include(x => x.Customer).ThenInclude(c => c.Seats)
                .Include(x => x.PartnerOrganisation)
                .Include(x => x.Services)
                .Include(x => x.Overrides)
                .Where(x => x.Id == request.Id)
                .Select(x => new
                {
                    Engagement = x,
                    Manager = db.Users.Where(u => u.Id == x.ManagerId).Select(u => u.DisplayName).FirstOrDefault(),
                    Assigned = partner && db.EngagementPartnerAssignments.Any(a => a.EngagementId == x.Id && a.UserId == userId),
                })
                .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Engagement");
            var e = head.Engagement;
            var access = manages ? new Access(true, true) : new Access(false, head.Assigned);

            // The catalogue and this engagement's tasks and guidance steps in one command. Each collection hangs under
            // the row it belongs to (a task's instances under its catalogue task, a step under its section), so siblings
            // never multiply: a section with guidance steps has no catalogue tasks, and a task has a few services and one
            // instance per cycle. The rows are about as many as the catalogue's alone.
            var id = e.Id;
            var catalogue = await db.Phases.ReachedFromVisibleEngagements().AsTracking().AsSingleQuery()
                .Select(p => new
                {
                    Phase = p,
                    Processes = p.Processes.Select(pr => new
                    {
                        Process = pr,
                        Sections = pr.Sections.Select(s => new
                        {
                            Section = s,
                            Steps = db.Set<EngagementStep>().Where(x => x.EngagementId == id && x.SectionId == s.Id).ToList(),
                            Tasks = s.Tasks.Select(t => new
                            {
                                Task = t,
                                Services = t.Services.Select(x => x.Name).ToList(),
                                Instances = db.EngagementTasks.Where(x => x.EngagementId == id && x.FtopId == t.FtopId).ToList(),
                            }).ToList(),
                        }).ToList(),
                    }).ToList(),
                })
                .ToListAsync(ct);
            // The catalogue's tasks are not tracked with their services (the join rows are not read): their names are kept here.
            var servicesOf = catalogue.SelectMany(p => p.Processes).SelectMany(p => p.Sections).SelectMany(s => s.Tasks)
                .ToDictionary(t => t.Task.FtopId, t => t.Services);

            // Usage points, notes and the timeline (the latest 500 audit rows) share one row shape: one UNION ALL instead
            // of a command each.
            var entityId = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rows = await db.Set<UsageRecord>().ReachedFromVisibleEngagements().Where(u => u.EngagementId == id)
                .Select(u => new Row { Kind = RowKind.Usage, Id = u.Id, At = u.RecordedAt, On = u.On, Service = u.Service, Text = "", By = u.RecordedBy, ActiveUsers = u.ActiveUsers, Seats = u.Seats, UserId = null, Summary = null })
                .Concat(db.Set<EngagementNote>().Where(n => n.EngagementId == id)
                    .Select(n => new Row { Kind = RowKind.Note, Id = n.Id, At = n.At, On = null, Service = n.Service, Text = n.Text, By = n.By, ActiveUsers = 0, Seats = 0, UserId = null, Summary = null }))
                // The latest rows by id (appended in order) without a LIMIT in the branch: PostgreSQL would type the
                // other branches' NULL columns as text inside such a sub-select.
                .Concat(db.AuditEntries.Where(a => a.EntityType == AuditEntities.Engagement && a.EntityId == entityId
                        && a.Id >= db.AuditEntries.Where(x => x.EntityType == AuditEntities.Engagement && x.EntityId == entityId)
                            .OrderByDescending(x => x.Id).Skip(TimelineSize - 1).Select(x => x.Id).FirstOrDefault())
                    .Select(a => new Row { Kind = RowKind.Audit, Id = a.Id, At = a.At, On = null, Service = a.Action, Text = a.ChangesJson,
                        // Who, by the name people know them by (the audit row keeps the sign-in name it was written with).
                        By = db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault() ?? a.UserName, ActiveUsers = 0, Seats = 0, UserId = a.UserId, Summary = a.Summary }))
                .ToListAsync(ct);
            var inKeyOrder = rows.Where(r => r.Kind != RowKind.Audit).OrderBy(r => r.Id).ToList(); // as EF's fix-up gave them
            var usageRecords = inKeyOrder.Where(r => r.Kind == RowKind.Usage)
                .Select(r => new UsagePoint(r.Service!, r.On!.Value, r.ActiveUsers, r.Seats, r.By, r.At)).ToList();
            var notes = inKeyOrder.Where(r => r.Kind == RowKind.Note).Select(r => new Note(r.At, r.By, r.Service, r.Text)).ToList();
            var timeline = rows.Where(r => r.Kind == RowKind.Audit).OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .Select(r => AuditEntry.Read(r.Id, r.At, r.UserId, r.By, r.Service!, AuditEntities.Engagement, entityId, r.Summary, r.Text)).ToList();

            if (request.WorkloadHistory) await db.Set<WorkloadStatusRecord>().AsTracking().Where(w => w.EngagementId == e.Id).LoadAsync(ct);
            var playbook = new Playbook(catalogue.Select(p => p.Phase));
            var manager = head.Manager ?? "";

            var next = e.State == EngagementState.Active ? e.NextStep(playbook) : null;
            var samePhase = next is not null && next.PhaseId == e.CurrentPhaseId;
            var blockers = next is null ? [] : PhaseGate.Blockers(e.Tasks, e.Cycle, e.CurrentPhaseId, samePhase ? e.CurrentProcessId : null);
            var gaps = next?.NameEn == PlaybookNames.ConductSuccessReview ? SuccessReviewEntry.Gaps(e.Services, s => e.Customer.SeatsFor(s) ?? 0) : [];

            var cycle = e.Tasks.Where(t => t.Cycle == e.Cycle).ToList();
            var phaseProgress = playbook.Phases.Where(p => cycle.Any(t => t.PhaseId == p.Id))
                .Select(p => Count(p.NameEn, cycle.Where(t => t.PhaseId == p.Id)) with { Phase = p }).ToList();
            var serviceProgress = e.Services.Select(s => Count(s.Service,
                cycle.Where(t => t.Task.AllServices || servicesOf.GetValueOrDefault(t.FtopId, []).Any(x => string.Equals(x, s.Service, StringComparison.OrdinalIgnoreCase))))).ToList();
            var usage = e.Services.Select(s => new ServiceUsage(s.Service, e.Customer.SeatsFor(s.Service) ?? 0, s.LatestActiveUsers, s.LatestUsageOn)).ToList();
            var today = EngagementStore.Today(clock);
            var settings = options.Value;
            var forecasts = e.Services.Select(s =>
            {
                var f = UsageForecast.From(usageRecords.Where(u => u.Service == s.Service).Select(u => (u.On, u.Percent)), settings.ForecastPoints);
                var standing = TargetCheck.Stand(s.CommittedTargetOn, Domain.Engagements.Clocks.GoalMet(s), f.EnoughData, f.Goal10.On, today);
                return new ServiceForecast(s.Service, f, s.CommittedTargetOn, s.TargetReason, standing, s.Version);
            }).ToList();
            return new View(e, manager, playbook, next, blockers, gaps, phaseProgress, serviceProgress, usage, timeline, today)
            {
                Access = access, UsageRecords = usageRecords, Notes = notes, Forecasts = forecasts,
                Clocks = Domain.Engagements.Clocks.Evaluate(e, today, settings), Settings = settings,
            };
        }

        private static Progress Count(string label, IEnumerable<EngagementTask> tasks)
        {
            var list = tasks.ToList();
            return new Progress(label, list.Count(t => PhaseGate.Passes(t.Status)), list.Count);
        }

        private const int TimelineSize = 500;

        private enum RowKind { Usage, Note, Audit }

        /// <summary>A usage point, a note or an audit row (action in Service, changes in Text): their UNION ALL's shape.</summary>
        private sealed class Row
        {
            public RowKind Kind { get; init; }
            public long Id { get; init; }
            public DateTime At { get; init; }
            public DateOnly? On { get; init; }
            public string? Service { get; init; }
            public string Text { get; init; } = "";
            public string By { get; init; } = "";
            public int ActiveUsers { get; init; }
            public int Seats { get; init; }
            public string? UserId { get; init; }
            public string? Summary { get; init; }
        }
    }
}
