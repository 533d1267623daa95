using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>One role, for its edit form, with its history.</summary>
public static class GetRole
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(int Id, int Version, string Key, string NameEn, string? NameJa, string? NameZh, int Order, bool Retired,
        IReadOnlyList<HistoryEntry> History)
    {
        public LocalName Name => new(NameEn, NameJa, NameZh);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var r = await db.CatalogueRoles.SingleOrDefaultAsync(r => r.Id == request.Id, ct)
                ?? throw new NotFoundException($"Role {request.Id}");
            return new Result(r.Id, r.Version, r.Key, r.NameEn, r.NameJa, r.NameZh, r.Order, r.Retired,
                await CatalogueHistory.LoadAsync(db, AuditEntities.Role, r.Id.ToString(CultureInfo.InvariantCulture), ct));
        }
    }
}
