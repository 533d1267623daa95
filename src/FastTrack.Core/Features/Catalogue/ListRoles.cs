using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>The roles page: every role in order, with how many tasks and sections name it.</summary>
public static class ListRoles
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, int Version, string Key, LocalName Name, int Order, bool Retired, int TaskCount, int SectionCount);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct)
        {
            var tasks = await db.CatalogueTasks.GroupBy(t => t.Role).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var sections = await db.Sections.GroupBy(s => s.PrimaryRole).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var roles = await db.CatalogueRoles.OrderBy(r => r.Order).ThenBy(r => r.Key).ToListAsync(ct);
            return roles.Select(r => new Row(r.Id, r.Version, r.Key, new LocalName(r.NameEn, r.NameJa, r.NameZh), r.Order, r.Retired,
                tasks.GetValueOrDefault(r.Key), sections.GetValueOrDefault(r.Key))).ToList();
        }
    }
}
