using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Users;

/// <summary>The people who can sign in, with their roles, for the admin's user list.</summary>
public static class ListUsers
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsDisabled,
        DateTime CreatedAt, bool LockedOut);

    internal sealed class Handler(FastTrackDbContext db, TimeProvider clock) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var users = await db.Users.OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled, u.CreatedAt, u.LockoutEnd })
                .ToListAsync(ct);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
                .ToListAsync(ct);
            var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
            return users.Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", byUser[u.Id].Order().ToList(), u.IsDisabled,
                u.CreatedAt, u.LockoutEnd > now)).ToList();
        }
    }
}
