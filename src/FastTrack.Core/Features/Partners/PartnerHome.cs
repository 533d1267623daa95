using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Partners;

/// <summary>A partner's start page: their organisation's engagements, the ones they are assigned to first.</summary>
public static class GetPartnerHome
{
    [AllowedRoles(Roles.Partner)]
    public sealed record Query : IRequest<Result>;

    public sealed record Row(int Id, string Customer, string PhaseEn, string? PhaseJa, string? PhaseZh, EngagementState State, bool Assigned)
    {
        public string Phase() => Localized.Pick(PhaseEn, PhaseJa, PhaseZh);
    }

    public sealed record Result(string? Organisation, IReadOnlyList<Row> Engagements);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            // The query filters scope both reads to the caller's organisation.
            var organisation = await db.PartnerOrganisations.Select(p => p.Name).FirstOrDefaultAsync(ct);
            var rows = await db.Engagements
                .Select(e => new
                {
                    e.Id, Customer = e.Customer.Name, e.CurrentPhase.NameEn, e.CurrentPhase.NameJa, e.CurrentPhase.NameZh, e.State, e.AssignedOn,
                    Assigned = db.EngagementPartnerAssignments.Any(a => a.EngagementId == e.Id && a.UserId == user.Id),
                })
                .OrderByDescending(x => x.Assigned).ThenBy(x => x.State).ThenByDescending(x => x.AssignedOn).ThenBy(x => x.Id)
                .Take(200).ToListAsync(ct);
            return new Result(organisation, rows.Select(x => new Row(x.Id, x.Customer, x.NameEn, x.NameJa, x.NameZh, x.State, x.Assigned)).ToList());
        }
    }
}
