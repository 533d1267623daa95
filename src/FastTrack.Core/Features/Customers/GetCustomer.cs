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

    /// <param name="Referrals">Task 983 QuickLeads: to which partner organisations the customer was referred, the latest first.</param>
    public sealed record Result(Customer Customer, IReadOnlyList<EngagementItem> Engagements, IReadOnlyList<Engagements.Referrals.Row> Referrals);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var c = await db.Customers.Include(x => x.Seats).FirstOrDefaultAsync(x => x.Id == request.Id, ct) ?? throw new NotFoundException("Customer");
            var engagements = await db.Engagements.Where(e => e.CustomerId == c.Id).OrderByDescending(e => e.AssignedOn)
                .Select(e => new EngagementItem(e.Id, e.CurrentPhase.NameEn, e.CurrentPhase.NameJa, e.CurrentPhase.NameZh, e.Motion, e.State, e.AssignedOn))
                .ToListAsync(ct);
            var referrals = await Engagements.Referrals.OfCustomer(db, c.Id).ToListAsync(ct);
            return new Result(c, engagements, referrals);
        }
    }
}
