using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>One process, for its edit form, with its history.</summary>
public static class GetProcess
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(int Id, int Version, string NameEn, string? NameJa, string? NameZh, int Order,
        LocalName Phase, int SectionCount, IReadOnlyList<HistoryEntry> History)
    {
        public LocalName Name => new(NameEn, NameJa, NameZh);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var p = await db.Processes.Include(p => p.Phase).Include(p => p.Sections)
                .SingleOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException($"Process {request.Id}");
            return new Result(p.Id, p.Version, p.NameEn, p.NameJa, p.NameZh, p.Order,
                new LocalName(p.Phase.NameEn, p.Phase.NameJa, p.Phase.NameZh), p.Sections.Count,
                await CatalogueHistory.LoadAsync(db, AuditEntities.Process, p.Id.ToString(CultureInfo.InvariantCulture), ct));
        }
    }
}
