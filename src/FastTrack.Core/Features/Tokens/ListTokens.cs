using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Tokens;

/// <summary>Every API token the caller manages (an organisation's admin: their organisation's; never the token itself: its first characters), newest first, and the users one may be issued for.</summary>
public static class ListTokens
{
    [AllowedRoles(Roles.Admin)]
    [PartnerIfOrganisationAdmin]
    public sealed record Query : IRequest<Result>;

    public sealed record Item(int Id, string Name, string Hint, ApiTokenScope Scope, string UserId, string User, DateTimeOffset CreatedAt,
        string CreatedBy, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, bool Active);

    public sealed record UserChoice(string Id, string Name, string Email);

    public sealed record Result(IReadOnlyList<Item> Items, IReadOnlyList<UserChoice> Users);

    internal sealed class Handler(FastTrackDbContext db, TimeProvider clock, ICurrentUser current) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var rows = await (from t in TokenUsers.Tokens(db, current)
                              join u in db.Users on t.UserId equals u.Id
                              select new { t, u.DisplayName, u.Email }).ToListAsync(ct);
            var items = rows.OrderByDescending(r => r.t.Id)
                .Select(r => new Item(r.t.Id, r.t.Name, r.t.Hint, r.t.Scope, r.t.UserId, $"{r.DisplayName} <{r.Email}>", r.t.CreatedAt, r.t.CreatedBy,
                    r.t.ExpiresAt, r.t.RevokedAt, r.t.IsActive(now)))
                .ToList();
            var users = await TokenUsers.Of(db, current).Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName)
                .Select(u => new UserChoice(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
            return new Result(items, users);
        }
    }
}
