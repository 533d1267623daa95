using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Audit;

/// <summary>The audit trail for admins: newest first, filtered, one page at a time. Read-only: nothing in the app edits or deletes it.</summary>
public static class BrowseAudit
{
    public const int PageSize = 50;

    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<Result>
    {
        public string? EntityType { get; init; }
        public string? EntityId { get; init; }
        public string? Action { get; init; }
        /// <summary>Part of the user's name (e-mail).</summary>
        public string? User { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public int Page { get; init; } = 1;
    }

    public sealed record Row(long Id, DateTime At, string UserName, string Action, string EntityType, string EntityId,
        string? Summary, string? Address, IReadOnlyList<FieldChange> Changes);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Actions);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query q, CancellationToken ct)
        {
            IQueryable<AuditEntry> rows = db.AuditEntries;
            if (!string.IsNullOrWhiteSpace(q.EntityType)) rows = rows.Where(a => a.EntityType == q.EntityType);
            if (!string.IsNullOrWhiteSpace(q.EntityId)) rows = rows.Where(a => a.EntityId == q.EntityId.Trim());
            if (!string.IsNullOrWhiteSpace(q.Action)) rows = rows.Where(a => a.Action == q.Action);
            if (!string.IsNullOrWhiteSpace(q.User))
            {
                var user = q.User.Trim().ToLower();
                rows = rows.Where(a => a.UserName.ToLower().Contains(user));
            }
            if (q.From is DateOnly from)
            {
                var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                rows = rows.Where(a => a.At >= start);
            }
            if (q.To is DateOnly to)
            {
                var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                rows = rows.Where(a => a.At < end);
            }
            var total = await rows.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(q.Page, 1, pages);
            var entries = await rows.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            var types = await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
            var actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(t => t).ToListAsync(ct);
            return new Result(entries.Select(e => new Row(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, e.Summary, e.Address, e.Changes())).ToList(),
                total, page, pages, types, actions);
        }
    }
}
