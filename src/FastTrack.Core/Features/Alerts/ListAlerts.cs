using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Alerts;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Alerts;

/// <summary>/Alerts: the signed-in user's own alerts, newest first, a page at a time.</summary>
public static class ListAlerts
{
    public const int PageSize = 50;

    [AnySignedInUser]
    public sealed record Query(int Page = 1) : IRequest<Result>;

    public sealed record Row(long Id, AlertKind Kind, int EngagementId, string Customer, string? Service, DateOnly? On, string SubjectKey, DateTime CreatedAt, bool Read);

    public sealed record Result(IReadOnlyList<Row> Rows, int Unread, int Total, int Page);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var mine = db.Alerts.Where(a => a.RecipientId == user.Id);
            var counts = await mine.GroupBy(a => 1).Select(g => new { Total = g.Count(), Unread = g.Count(a => a.ReadAt == null) }).FirstOrDefaultAsync(ct);
            var page = Math.Clamp(request.Page, 1, 10_000);
            var rows = await mine.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new Row(a.Id, a.Kind, a.EngagementId, a.Customer, a.Service, a.On, a.SubjectKey, a.CreatedAt, a.ReadAt != null))
                .ToListAsync(ct);
            return new Result(rows, counts?.Unread ?? 0, counts?.Total ?? 0, page);
        }
    }
}

/// <summary>Marks one of the signed-in user's alerts read; another user's alert is not found. Marking it again changes nothing.</summary>
public static class MarkAlertRead
{
    [AnySignedInUser]
    public sealed record Command(long Id) : IRequest<Unit>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var alert = await db.Alerts.AsTracking().FirstOrDefaultAsync(a => a.Id == request.Id && a.RecipientId == user.Id, ct)
                ?? throw new Domain.Common.NotFoundException("Alert");
            if (alert.MarkRead(clock.GetUtcNow())) await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

/// <summary>"Mark all read": every unread alert of the signed-in user; returns how many.</summary>
public static class MarkAllAlertsRead
{
    [AnySignedInUser]
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            var unread = await db.Alerts.AsTracking().Where(a => a.RecipientId == user.Id && a.ReadAt == null).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var n = unread.Count(a => a.MarkRead(now));
            if (n > 0) await db.SaveChangesAsync(ct);
            return n;
        }
    }
}
