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
/// below the 10% AU goal, engagements ready for the success review, and each overdue clock (<see cref="Clocks"/>) and
/// target at risk. A FastTrack manager sees their own by
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
        /// <summary>The clock's or target's date (since, due, target), for the page to write in the reader's format.</summary>
        public DateOnly? On { get; init; }
        /// <summary>A target's projected 10 % day (null: none at this trend, or the target has passed).</summary>
        public DateOnly? ProjectedOn { get; init; }
    }

    /// <summary>The detail of a service below the AU goal that has no usage recorded (translated where shown).</summary>
    public const string NoUsageYet = "no usage recorded yet";

    public sealed record Section(int Count, IReadOnlyList<Row> Rows);

    public sealed record Result(IReadOnlyList<PhaseCount> Phases, Section OverdueFirstContacts, Section BlockedWorkloads,
        Section BelowGoal, Section ReadyForReview, DateOnly Today, bool All)
    {
        /// <summary>In Progress past the committed target date (<see cref="ClockKind.InProgressPastTarget"/>); On = the target.</summary>
        public Section PastTarget { get; init; } = Empty;
        /// <summary>Blocked for more than N days without a note; On = the day it was blocked or last noted.</summary>
        public Section BlockedWithoutNote { get; init; } = Empty;
        /// <summary>No customer response for more than N days; On = the last contact (null: none recorded since the assigned date).</summary>
        public Section NoCustomerResponse { get; init; } = Empty;
        /// <summary>In Conduct Success Review for more than N days; On = the day it entered it.</summary>
        public Section ReviewNotHeld { get; init; } = Empty;
        /// <summary>Services whose committed target passed under the goal or which the forecast misses; On = the target.</summary>
        public Section TargetsAtRisk { get; init; } = Empty;
        /// <summary>The thresholds the sections use (the page says "more than 30 days").</summary>
        public ClockSettings Settings { get; init; } = new();

        public IEnumerable<Section> Sections => [OverdueFirstContacts, BlockedWorkloads, BelowGoal, ReadyForReview, PastTarget, BlockedWithoutNote, NoCustomerResponse, ReviewNotHeld, TargetsAtRisk];
    }

    private static readonly Section Empty = new(0, []);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, ReadCache cache, Microsoft.Extensions.Options.IOptions<ClockSettings> options) : IRequestHandler<Query, Result>
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
                    + r.Sections.Sum(section => Common.Caching.Weigh.List(section.Rows.Count)
                        + section.Rows.Sum(x => Common.Caching.Weigh.Row + Common.Caching.Weigh.Text(x.Customer) + Common.Caching.Weigh.Text(x.Service) + Common.Caching.Weigh.Text(x.Detail))));
        }

        private async Task<Result> ReadAsync(bool all, DateOnly today, CancellationToken ct)
        {
            // Every row is reached from Engagements, whose filter stays: the parts' filters would only add SQL.
            var active = db.Engagements.ReachedFromVisibleEngagements().Where(e => e.State == EngagementState.Active);
            if (!all) active = active.Where(e => e.ManagerId == user.Id);
            var settings = options.Value;

            // Each clock's rule is Clocks' own (the engagement page and the alerts read the same rule off the engagement).
            var overdue = active.Where(Clocks.FirstContactOverdue(today));
            var services = from s in db.EngagementServices.ReachedFromVisibleEngagements()
                           join e in active on s.EngagementId equals e.Id
                           select new { s, e.Id, e.Customer.Name, e.CurrentPhaseId, e.SkippedPhases };
            var pastTarget = from s in db.EngagementServices.ReachedFromVisibleEngagements().Where(Clocks.InProgressPastTargetOverdue(today))
                             join e in active on s.EngagementId equals e.Id
                             select new { s, e.Id, e.Customer.Name, e.CurrentPhaseId, e.SkippedPhases };
            var blockedNoNote = from s in db.EngagementServices.ReachedFromVisibleEngagements().Where(Clocks.BlockedWithoutNoteOverdue(today, settings))
                                join e in active on s.EngagementId equals e.Id
                                select new { s, e.Id, e.Customer.Name, e.CurrentPhaseId, e.SkippedPhases };
            var atRisk = from s in db.EngagementServices.ReachedFromVisibleEngagements().Where(Clocks.TargetAtRisk(today))
                         join e in active on s.EngagementId equals e.Id
                         select new { s, e.Id, e.Customer.Name, e.CurrentPhaseId, e.SkippedPhases };
            var noResponse = active.Where(Clocks.NoCustomerResponseOverdue(today, settings));
            var reviewNotHeld = active.Where(Clocks.SuccessReviewNotHeldOverdue(today, settings));
            var blocked = services.Where(x => x.s.WorkloadL1 == WorkloadStatusCodes.Blocked);
            var below = services.Where(x => !(x.s.SuccessCriterionMet) && (x.s.LatestActiveUsers == null || x.s.LatestActiveUsers * 10 < x.s.LatestSeats));
            var ready = active.Where(SuccessReviewReadiness.Ready);

            // One query for the phases with their counts and the nine section totals (uncorrelated sub-queries,
            // evaluated once), then one per capped list: ten commands, whatever the size of the portfolio.
            var counted = await db.Phases.ReachedFromVisibleEngagements().OrderBy(p => p.Order).Select(p => new
            {
                p.NameEn, p.NameJa, p.NameZh, p.Id,
                Count = active.Count(e => e.CurrentPhaseId == p.Id),
                Overdue = overdue.Count(), Blocked = blocked.Count(), Below = below.Count(), Ready = ready.Count(),
                PastTarget = pastTarget.Count(), BlockedNoNote = blockedNoNote.Count(), AtRisk = atRisk.Count(),
                NoResponse = noResponse.Count(), ReviewNotHeld = reviewNotHeld.Count(),
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
            // The clocks' lists, longest overdue first.
            var pastTargetRows = await pastTarget.OrderBy(x => x.s.TargetOn ?? x.s.WorkloadTargetOn).ThenBy(x => x.Id).Take(ListSize)
                .Select(x => new Row(x.Id, x.Name, x.s.Service, "") { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases, On = x.s.TargetOn ?? x.s.WorkloadTargetOn })
                .ToListAsync(ct);
            var blockedNoNoteRows = await blockedNoNote.Select(x => new { x, Since = x.s.LastNoteOn > x.s.WorkloadSetOn ? x.s.LastNoteOn : x.s.WorkloadSetOn })
                .OrderBy(x => x.Since).ThenBy(x => x.x.Id).Take(ListSize)
                .Select(y => new Row(y.x.Id, y.x.Name, y.x.s.Service, "") { PhaseId = y.x.CurrentPhaseId, SkippedPhases = y.x.SkippedPhases, On = y.Since })
                .ToListAsync(ct);
            var atRiskRows = await atRisk.OrderBy(x => x.s.TargetOn ?? x.s.WorkloadTargetOn).ThenBy(x => x.Id).Take(ListSize)
                .Select(x => new Row(x.Id, x.Name, x.s.Service, "") { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases, On = x.s.TargetOn ?? x.s.WorkloadTargetOn, ProjectedOn = x.s.ForecastGoalOn })
                .ToListAsync(ct);
            var noResponseRows = await noResponse.OrderBy(e => e.LastCustomerContactOn ?? e.AssignedOn).ThenBy(e => e.Id).Take(ListSize)
                .Select(e => new Row(e.Id, e.Customer.Name, null, "") { PhaseId = e.CurrentPhaseId, SkippedPhases = e.SkippedPhases, On = e.LastCustomerContactOn })
                .ToListAsync(ct);
            var reviewNotHeldRows = await reviewNotHeld.OrderBy(e => e.StepEnteredOn).ThenBy(e => e.Id).Take(ListSize)
                .Select(e => new Row(e.Id, e.Customer.Name, null, "") { PhaseId = e.CurrentPhaseId, SkippedPhases = e.SkippedPhases, On = e.StepEnteredOn })
                .ToListAsync(ct);

            return new Result(phases,
                new Section(totals?.Overdue ?? 0, overdueRows.Select(x => new Row(x.Id, x.Name, null, x.FirstContactDueOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                    { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases }).ToList()),
                new Section(totals?.Blocked ?? 0, blockedRows),
                new Section(totals?.Below ?? 0, belowRows.Select(x => new Row(x.Id, x.Name, x.Service,
                    x.LatestActiveUsers is null ? NoUsageYet : $"AU {x.LatestActiveUsers}/{x.LatestSeats} ({ActiveUsageGoal.Percent(x.LatestActiveUsers.Value, x.LatestSeats ?? 0)}%)")
                    { PhaseId = x.CurrentPhaseId, SkippedPhases = x.SkippedPhases }).ToList()),
                new Section(totals?.Ready ?? 0, readyRows),
                today, all)
            {
                PastTarget = new Section(totals?.PastTarget ?? 0, pastTargetRows),
                BlockedWithoutNote = new Section(totals?.BlockedNoNote ?? 0, blockedNoNoteRows),
                NoCustomerResponse = new Section(totals?.NoResponse ?? 0, noResponseRows),
                ReviewNotHeld = new Section(totals?.ReviewNotHeld ?? 0, reviewNotHeldRows),
                TargetsAtRisk = new Section(totals?.AtRisk ?? 0, atRiskRows),
                Settings = settings,
            };
        }
    }
}
