using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>The phases page: every phase in lifecycle order, with its processes, tasks and the engagements in it.</summary>
public static class ListPhases
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, int Version, LocalName Name, int Order, bool Retired, int ProcessCount, int TaskCount, int EngagementCount);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct)
        {
            var tasks = await db.CatalogueTasks.GroupBy(t => t.Section.Process.PhaseId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var engagements = await db.Engagements.GroupBy(e => e.CurrentPhaseId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var phases = await db.Phases.OrderBy(p => p.Order).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Version, p.NameEn, p.NameJa, p.NameZh, p.Order, p.Retired, Processes = p.Processes.Count })
                .ToListAsync(ct);
            return phases.Select(p => new Row(p.Id, p.Version, new LocalName(p.NameEn, p.NameJa, p.NameZh), p.Order, p.Retired,
                p.Processes, tasks.GetValueOrDefault(p.Id), engagements.GetValueOrDefault(p.Id))).ToList();
        }
    }
}
