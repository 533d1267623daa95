using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>One phase, for its edit form, with its history.</summary>
public static class GetPhase
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(int Id, int Version, string NameEn, string? NameJa, string? NameZh, int Order, bool Retired,
        int ProcessCount, IReadOnlyList<HistoryEntry> History)
    {
        public LocalName Name => new(NameEn, NameJa, NameZh);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var p = await db.Phases.Include(p => p.Processes).SingleOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException($"Phase {request.Id}");
            return new Result(p.Id, p.Version, p.NameEn, p.NameJa, p.NameZh, p.Order, p.Retired, p.Processes.Count,
                await CatalogueHistory.LoadAsync(db, AuditEntities.Phase, p.Id.ToString(CultureInfo.InvariantCulture), ct));
        }
    }
}
