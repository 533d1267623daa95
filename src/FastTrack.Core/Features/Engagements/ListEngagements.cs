using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>The engagement list: filters, search by customer, sort and paging (one page of rows and a count, never all rows).</summary>
public static class ListEngagements
{
    public const int PageSize = 20;
    /// <summary>
    /// Counting stops here: an exact count costs as much as the rows that match (all of an organisation's active
    /// engagements), while "more than 1,000" costs the same at any size, and nobody pages past page 50.
    /// </summary>
    public const int CountCap = 1000;

    [AnySignedInUser]
    public sealed record Query : IRequest<Result>
    {
        public int? PhaseId { get; init; }
        public EngagementMotion? Motion { get; init; }
        public string? Service { get; init; }
        public int? PartnerId { get; init; }
        public string? ManagerId { get; init; }
        public EngagementState? State { get; init; }
        /// <summary>Part of the customer's name.</summary>
        public string? Search { get; init; }
        /// <summary>customer, assigned (default, newest first), phase, manager.</summary>
        public string? Sort { get; init; }
        public int Page { get; init; } = 1;
    }

    public sealed record Item(int Id, string Customer, string PhaseEn, string? PhaseJa, string? PhaseZh, string ProcessEn, string? ProcessJa, string? ProcessZh,
        EngagementMotion Motion, EngagementState State, SuccessReviewOutcome? Outcome, string Manager, string? Partner, IReadOnlyList<string> Services,
        DateOnly AssignedOn, DateOnly? FirstContactDueOn, bool FirstContactDone)
    {
        public string Phase() => Localized.Pick(PhaseEn, PhaseJa, PhaseZh);
        public string Process() => Localized.Pick(ProcessEn, ProcessJa, ProcessZh);
        public int PhaseId { get; init; }
        /// <summary>The engagement's plan (<see cref="Engagement.SkippedPhases"/>), read with its row: the path needs no other query.</summary>
        public string SkippedPhases { get; init; } = "";
    }

    public sealed record Result(IReadOnlyList<Item> Items, int Total, int Page, int Pages, DateOnly Today)
    {
        /// <summary>More rows match than <see cref="CountCap"/>: <see cref="Total"/> is the cap, not the count.</summary>
        public bool TotalIsCapped { get; init; }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Common.Caching.ReadCache cache)
        : IRequestHandler<Query, Result>
    {
        // Cached per filter, sort and page, and read again when the engagement counter moved (an engagement, its services
        // or its customer changed: not task work, usage or notes, which the list does not show), or the catalogue, the
        // directory or the day. The check is the request's shared revisions, read once with the filter choices' check.
        public async Task<Result> Handle(Query r, CancellationToken ct)
        {
            // A search by name is free text: every distinct one would be a new entry, so searches are read, never cached
            // (issue 22). The rest of the key is normalised, so that odd values (Page=9999, Sort=x) share an entry.
            if (!string.IsNullOrWhiteSpace(r.Search)) return await ReadAsync(r, ct);
            r = r with { Page = Math.Clamp(r.Page, 1, CountCap / PageSize), Sort = r.Sort is "customer" or "phase" or "manager" ? r.Sort : null };
            var stamp = await RevisionStamps.SharedAsync(db);
            var scope = AccessScope.ScopeKey(user);
            return await cache.GetOrReadAsync((nameof(ListEngagements), r, stamp, scope, EngagementStore.Today(clock)), () => ReadAsync(r, ct), Bytes);
        }

        private static long Bytes(Result x) =>
            Common.Caching.Weigh.Row + Common.Caching.Weigh.List(x.Items.Count) + x.Items.Sum(i => 2 * Common.Caching.Weigh.Row
                + Common.Caching.Weigh.Text(i.Customer) + Common.Caching.Weigh.Text(i.PhaseEn) + Common.Caching.Weigh.Text(i.PhaseJa) + Common.Caching.Weigh.Text(i.PhaseZh)
                + Common.Caching.Weigh.Text(i.ProcessEn) + Common.Caching.Weigh.Text(i.ProcessJa) + Common.Caching.Weigh.Text(i.ProcessZh)
                + Common.Caching.Weigh.Text(i.Manager) + Common.Caching.Weigh.Text(i.Partner)
                + Common.Caching.Weigh.List(i.Services.Count) + i.Services.Sum(Common.Caching.Weigh.Text));

        private async Task<Result> ReadAsync(Query r, CancellationToken ct)
        {
            // Every row is reached from Engagements, whose filter stays: the parts' filters would only add SQL.
            var q = db.Engagements.ReachedFromVisibleEngagements();
            if (r.PhaseId is int phase) q = q.Where(e => e.CurrentPhaseId == phase);
            if (r.Motion is EngagementMotion motion) q = q.Where(e => e.Motion == motion);
            if (!string.IsNullOrWhiteSpace(r.Service)) q = q.Where(e => e.Services.Any(s => s.Service == r.Service));
            if (r.PartnerId is int partner) q = q.Where(e => e.PartnerOrganisationId == partner);
            if (!string.IsNullOrWhiteSpace(r.ManagerId)) q = q.Where(e => e.ManagerId == r.ManagerId);
            if (r.State is EngagementState state) q = q.Where(e => e.State == state);
            if (!string.IsNullOrWhiteSpace(r.Search))
            {
                var term = r.Search.Trim().ToLower();
                q = q.Where(e => e.Customer.Name.ToLower().Contains(term));
            }
            // One command: the page of rows, each carrying the (capped) count of all that match as an uncorrelated
            // sub-query that both engines evaluate once. Only a page past the end (a stale link) needs the count first.
            var requested = Math.Max(1, r.Page);
            var (items, counted) = await PageAsync(q, r.Sort, requested, ct);
            if (items.Count == 0 && requested > 1)
            {
                counted = await q.Take(CountCap + 1).CountAsync(ct);
                (items, _) = await PageAsync(q, r.Sort, PagesFor(counted), ct);
            }
            var total = Math.Min(counted, CountCap);
            var pages = PagesFor(counted);
            var page = Math.Clamp(requested, 1, pages);
            return new Result(items, total, page, pages, EngagementStore.Today(clock)) { TotalIsCapped = counted > CountCap };
        }

        private const string ServiceSeparator = "\u001f";

        private static List<string> Split(string? services) =>
            string.IsNullOrEmpty(services) ? [] : services.Split(ServiceSeparator).Order(StringComparer.Ordinal).ToList();

        private static int PagesFor(int counted) => Math.Max(1, (Math.Min(counted, CountCap) + PageSize - 1) / PageSize);

        private async Task<(List<Item> Items, int Counted)> PageAsync(IQueryable<Engagement> q, string? sort, int page, CancellationToken ct)
        {
            var rows = from e in q
                       join u in db.Users on e.ManagerId equals u.Id
                       select new { e, Manager = u.DisplayName };
            rows = sort switch
            {
                "customer" => rows.OrderBy(x => x.e.Customer.Name).ThenBy(x => x.e.Id),
                "phase" => rows.OrderBy(x => x.e.CurrentPhase.Order).ThenBy(x => x.e.CurrentProcess.Order).ThenBy(x => x.e.Id),
                "manager" => rows.OrderBy(x => x.Manager).ThenBy(x => x.e.Id),
                _ => rows.OrderByDescending(x => x.e.AssignedOn).ThenByDescending(x => x.e.Id),
            };
            var found = await rows.Skip((page - 1) * PageSize).Take(PageSize)
                .Select(x => new
                {
                    Item = new Item(x.e.Id, x.e.Customer.Name, x.e.CurrentPhase.NameEn, x.e.CurrentPhase.NameJa, x.e.CurrentPhase.NameZh,
                        x.e.CurrentProcess.NameEn, x.e.CurrentProcess.NameJa, x.e.CurrentProcess.NameZh, x.e.Motion, x.e.State, x.e.Outcome, x.Manager,
                        x.e.PartnerOrganisation == null ? null : x.e.PartnerOrganisation.Name,
                        Array.Empty<string>(), x.e.AssignedOn, x.e.FirstContactDueOn, x.e.FirstContactDone)
                    { PhaseId = x.e.CurrentPhaseId, SkippedPhases = x.e.SkippedPhases },
                    // The services as one aggregated string per row (group_concat / string_agg), not a joined collection:
                    // a collection makes the engine sort the whole joined result by every key.
                    Services = db.EngagementServices.Where(s => s.EngagementId == x.e.Id).GroupBy(s => s.EngagementId)
                        .Select(g => string.Join(ServiceSeparator, g.Select(s => s.Service))).FirstOrDefault(),
                    Counted = q.Take(CountCap + 1).Count(),
                })
                .ToListAsync(ct);
            return (found.Select(f => f.Item with { Services = Split(f.Services) }).ToList(), found.Count == 0 ? 0 : found[0].Counted);
        }
    }
}
