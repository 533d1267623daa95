using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Everything the engagement page shows: checklist, progress, gate preview, usage, workloads, notes and timeline.</summary>
public static class GetEngagement
{
    [AnySignedInUser]
    /// <param name="WorkloadHistory">Also load every workload status ever set (the workload page shows them).</param>
    public sealed record Query(int Id, bool WorkloadHistory = false) : IRequest<View>;

    public sealed record Progress(string Label, int Done, int Total)
    {
        public int Percent => Total == 0 ? 100 : Done * 100 / Total;
    }

    public sealed record ServiceUsage(string Service, int Seats, int? ActiveUsers, DateOnly? On)
    {
        public decimal Percent => ActiveUsageGoal.Percent(ActiveUsers ?? 0, Seats);
        public int Gap => ActiveUsageGoal.Gap(ActiveUsers ?? 0, Seats);
        public bool GoalMet => ActiveUsageGoal.GoalMet(ActiveUsers ?? 0, Seats);
        public bool EnablementComplete => ActiveUsageGoal.EnablementComplete(ActiveUsers ?? 0, Seats);
        public int EnablementTarget => ActiveUsageGoal.EnablementTarget(Seats);
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
    }

    internal sealed class Handler(FastTrackDbContext db, TimeProvider clock) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken ct)
        {
            // Tracked on purpose: the catalogue, the engagement and each child table are read by one small query
            // apiece, and EF's fix-up links them (tasks and steps to their catalogue task and section, children to the
            // engagement). A split query would send one command per collection and per catalogue level instead.
            var catalogue = await db.Phases.AsTracking().AsSingleQuery()
                .Include(p => p.Processes).ThenInclude(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Services)
                .ToListAsync(ct);
            var head = await db.Engagements.AsTracking().AsSingleQuery()
                .Include(x => x.Customer).ThenInclude(c => c.Seats)
                .Include(x => x.PartnerOrganisation)
                .Include(x => x.Services)
                .Include(x => x.Overrides)
                .Where(x => x.Id == request.Id)
                .Select(x => new { Engagement = x, Manager = db.Users.Where(u => u.Id == x.ManagerId).Select(u => u.DisplayName).FirstOrDefault() })
                .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Engagement");
            var e = head.Engagement;
            await db.EngagementTasks.AsTracking().Where(t => t.EngagementId == e.Id).LoadAsync(ct);
            await db.Set<EngagementStep>().AsTracking().Where(s => s.EngagementId == e.Id).LoadAsync(ct);
            await db.Set<UsageRecord>().AsTracking().Where(u => u.EngagementId == e.Id).LoadAsync(ct);
            await db.Set<EngagementNote>().AsTracking().Where(n => n.EngagementId == e.Id).LoadAsync(ct);
            if (request.WorkloadHistory) await db.Set<WorkloadStatusRecord>().AsTracking().Where(w => w.EngagementId == e.Id).LoadAsync(ct);
            var playbook = new Playbook(catalogue);
            var manager = head.Manager ?? "";
            var id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var timeline = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Engagement && a.EntityId == id)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(500).ToListAsync(ct);

            var next = e.State == EngagementState.Active ? playbook.Next(e.CurrentProcessId) : null;
            var samePhase = next is not null && next.PhaseId == e.CurrentPhaseId;
            var blockers = next is null ? [] : PhaseGate.Blockers(e.Tasks, e.Cycle, e.CurrentPhaseId, samePhase ? e.CurrentProcessId : null);
            var gaps = next?.NameEn == PlaybookNames.ConductSuccessReview ? SuccessReviewEntry.Gaps(e.Services, s => e.Customer.SeatsFor(s) ?? 0) : [];

            var cycle = e.Tasks.Where(t => t.Cycle == e.Cycle).ToList();
            var phaseProgress = playbook.Phases.Where(p => cycle.Any(t => t.PhaseId == p.Id))
                .Select(p => Count(p.Name(), cycle.Where(t => t.PhaseId == p.Id))).ToList();
            var serviceProgress = e.Services.Select(s => Count(s.Service,
                cycle.Where(t => t.Task.AllServices || t.Task.Services.Any(x => string.Equals(x.Name, s.Service, StringComparison.OrdinalIgnoreCase))))).ToList();
            var usage = e.Services.Select(s => new ServiceUsage(s.Service, e.Customer.SeatsFor(s.Service) ?? 0, s.LatestActiveUsers, s.LatestUsageOn)).ToList();
            return new View(e, manager, playbook, next, blockers, gaps, phaseProgress, serviceProgress, usage, timeline, EngagementStore.Today(clock));
        }

        private static Progress Count(string label, IEnumerable<EngagementTask> tasks)
        {
            var list = tasks.ToList();
            return new Progress(label, list.Count(t => PhaseGate.Passes(t.Status)), list.Count);
        }
    }
}
