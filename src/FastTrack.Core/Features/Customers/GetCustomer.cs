using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Common;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Customers;

public static class GetCustomer
{
    [AnySignedInUser]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record EngagementItem(int Id, string PhaseEn, string? PhaseJa, string? PhaseZh, EngagementMotion Motion, EngagementState State, DateOnly AssignedOn);

    public sealed record Result(Customer Customer, IReadOnlyList<EngagementItem> Engagements);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var c = await db.Customers.Include(x => x.Seats).FirstOrDefaultAsync(x => x.Id == request.Id, ct) ?? throw new NotFoundException("Customer");
            var engagements = await db.Engagements.Where(e => e.CustomerId == c.Id).OrderByDescending(e => e.AssignedOn)
                .Select(e => new EngagementItem(e.Id, e.CurrentPhase.NameEn, e.CurrentPhase.NameJa, e.CurrentPhase.NameZh, e.Motion, e.State, e.AssignedOn))
                .ToListAsync(ct);
            return new Result(c, engagements);
        }
    }
}
