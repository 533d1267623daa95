using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Tokens;

/// <summary>Revokes an API token: the next request with it is refused (tokens are checked on every request, nothing cached).</summary>
public static class RevokeToken
{
    [AllowedRoles(Roles.Admin)]
    [PartnerIfOrganisationAdmin]
    public sealed record Command(int Id) : IRequest<Unit>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var token = await TokenUsers.Tokens(db, user).AsTracking().FirstOrDefaultAsync(t => t.Id == request.Id, ct) ?? throw new NotFoundException("API token");
            if (token.RevokedAt is not null) return Unit.Value;
            var owner = await db.Users.Where(u => u.Id == token.UserId).Select(u => u.UserName).FirstAsync(ct);
            token.Revoke(user.Name, clock.GetUtcNow());
            IssueToken.Audit(db, user, clock, "ApiTokenRevoked", token, owner ?? "");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
