using FastTrack.Common.Caching;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// "What needs me today": active engagements by phase, overdue RFA first contacts, blocked workloads, services
/// below the 10% AU goal and engagements ready for the success review. A FastTrack manager sees their own by
/// default; "all" shows everyone's. Each list is capped; the counts are exact.
/// </summary>
public static class GetPortfolio
{
    public const int ListSize = 10;

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Query(bool All) : IRequest<Result>;

    public sealed record PhaseCount(string NameEn, string? NameJa, string? NameZh, int PhaseId, int Count)
    {
        public string Name() => Localized.Pick(NameEn, NameJa, NameZh);
    }

    public sealed record Row(int EngagementId, string Customer, string? Service, string Detail)
    {
        /// <summary>The engagement's current phase and plan (<see cref="Engagement.SkippedPhases"/>): its path, from its own row.</summary>
        public int PhaseId { get; init; }
        public string SkippedPhases { get; init; } = "";
    }

    /// <summary>The detail of a service below the AU goal that has no usage recorded (translated where shown).</summary>
    public const string NoUsageYet = "no usage recorded yet";

    public sealed record Section(int Count, IReadOnlyList<Row> Rows);

    public sealed record Result(IReadOnlyList<PhaseCount> Phases, Section OverdueFirstContacts, Section BlockedWorkloads,
        Section BelowGoal, Section ReadyForReview, DateOnly Today, bool All);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, ReadCache cache) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            // A manager opens the portfolio all day and it changes far less often: the result is cached in this process
            // and read again only when one of the manager's engagements, the catalogue or the directory changed (through
            // any instance) or the day turned. Checking costs one small command.
            var today = EngagementStore.Today(clock);
            var all = request.All || !user.IsInRole(Roles.FastTrackManager);
            var stamp = await RevisionStamps.EngagementsAsync(db, all ? null : user.Id);
            return await cache.GetOrReadAsync((nameof(GetPortfolio), all ? null : user.Id, today, stamp),
                () => ReadAsync(all, today, ct),
                r => Common.Caching.Weigh.Row * (1 + r.Phases.Count)
                    + new[] { r.OverdueFirstContacts, r.BlockedWorkloads, r.BelowGoal, r.ReadyForReview }.Sum(section => Common.Caching.Weigh.List(section.Rows.Count)
                        + section.Rows.Sum(x => Common.Caching.Weigh.Row + Common.Caching.Weigh.Text(x.Customer) + Common.Caching.Weigh.Text(x.Service) + Common.Caching.Weigh.Text(x.Detail))));
        }

        private async Task<Result> ReadAsync(bool all, DateOnly today, CancellationToken ct)
        {
            // Every row is reached from Engagements, whose filter stays: the parts' filters would only add SQL.
            var active = db.Engagements.ReachedFromVisibleEngagements().Where(e => e.State == EngagementState.Active);
            if (!all) active = active.Where(e => e.ManagerId == user.Id);

            var overdue = active.Where(e => e.FirstContactDueOn != null && e.FirstContactDueOn < today && !e.FirstContactDone);
            var services = from s in db.EngagementServices.ReachedFromVisibleEngagements()
                           join e in active on s.EngagementId equals e.Id
                           select new { s, e.Id, e.Customer.Name, e.CurrentPhaseId, e.SkippedPhases };
            var blocked = services.Where(x => x.s.WorkloadL1 == WorkloadStatusCodes.Blocked);
            var below = services.Where(x => !(x.s.SuccessCriterionMet) && (x.s.LatestActiveUsers == null || x.s.LatestActiveUsers * 10 < x.s.LatestSeats));
            var ready = active.Where(e => e.CurrentProcess.NameEn == "Support Success Execution"
                && !e.Tasks.Any(t => t.Cycle == e.Cycle && t.ProcessId == e.CurrentProcessId && t.Mandatory
                    && t.Status != EngagementTaskStatus.Completed && t.Status != EngagementTaskStatus.NotApplicable)
                && !e.Services.Any(s => !s.SuccessCriterionMet && (s.LatestActiveUsers == null || s.LatestActiveUsers * 10 < s.LatestSeats)));

            // One query for the phases with their counts and the four section totals (uncorrelated sub-queries,
            // evaluated once), then one per capped list: five commands, whatever the size of the portfolio.
            var counted = await db.Phases.ReachedFromVisibleEngagements().OrderBy(p => p.Order).Select(p => new
            {
                p.NameEn, p.NameJa, p.NameZh, p.Id,
                Count = active.Count(e => e.CurrentPhaseId == p.Id),
                Overdue = overdue.Count(), Blocked = blocked.Count(), Below = below.Count(), Ready = ready.Count(),
            }).ToListAsync(ct);
            var phases = counted.Select(p => new PhaseCount(p.NameEn, p.NameJa, p.NameZh, p.Id, p.Count)).ToList();
            var totals = counted.FirstOrDefault();

            var overdueRows = await overdue.OrderBy(e => e.FirstContactDueOn).Take(ListSize)
                .Select(e => new { e.Id, e.Customer.Name, e.FirstContactDueOn, e.CurrentPhaseId, e.SkippedPhases }).ToListAsync(ct);
            var blockedRows = await blocked.OrderBy(x => x.Name).Take(ListSize)
                .Select(x => new Row(x.Id, x.Name, x.s.Service, (x.s.WorkloadL2 ?? "") + " " + (x.s.WorkloadL3 ?? "")) { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases })
                .ToListAsync(ct);
            var belowRows = await below.OrderBy(x => x.Name).ThenBy(x => x.s.Service).Take(ListSize)
                .Select(x => new { x.Id, x.Name, x.s.Service, x.s.LatestActiveUsers, x.s.LatestSeats, x.CurrentPhaseId, x.SkippedPhases }).ToListAsync(ct);
            var readyRows = await ready.OrderBy(e => e.Customer.Name).Take(ListSize).Select(e => new Row(e.Id, e.Customer.Name, null, "") { PhaseId = e.CurrentPhaseId, SkippedPhases = e.SkippedPhases }).ToListAsync(ct);

            return new Result(phases,
                new Section(totals?.Overdue ?? 0, overdueRows.Select(x => new Row(x.Id, x.Name, null, x.FirstContactDueOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                    { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases }).ToList()),
                new Section(totals?.Blocked ?? 0, blockedRows),
                new Section(totals?.Below ?? 0, belowRows.Select(x => new Row(x.Id, x.Name, x.Service,
                    x.LatestActiveUsers is null ? NoUsageYet : $"AU {x.LatestActiveUsers}/{x.LatestSeats} ({ActiveUsageGoal.Percent(x.LatestActiveUsers.Value, x.LatestSeats ?? 0)}%)")
                    { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases }).ToList()),
                new Section(totals?.Ready ?? 0, readyRows),
                today, all);
        }
    }
}
