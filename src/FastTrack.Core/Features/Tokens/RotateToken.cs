using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Tokens;

/// <summary>
/// Replaces an active API token by a new one with the same user, name, scope and lifetime (counted from now); the old
/// token is revoked in the same transaction. The new token is shown once.
/// </summary>
public static class RotateToken
{
    [AllowedRoles(Roles.Admin)]
    [PartnerIfOrganisationAdmin]
    public sealed record Command(int Id) : IRequest<IssueToken.Issued>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, IssueToken.Issued>
    {
        public async Task<IssueToken.Issued> Handle(Command request, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var old = await TokenUsers.Tokens(db, user).AsTracking().FirstOrDefaultAsync(t => t.Id == request.Id, ct) ?? throw new NotFoundException("API token");
            if (!old.IsActive(now)) throw new DomainException("Only an active token can be rotated: issue a new one.");
            var owner = await db.Users.Where(u => u.Id == old.UserId && !u.IsDisabled).Select(u => u.UserName).FirstOrDefaultAsync(ct)
                ?? throw new DomainException("The token's user is disabled: issue a token for an enabled user.");
            var lifetime = old.ExpiresAt - old.CreatedAt;
            var (token, secret) = ApiToken.Issue(old.UserId, old.Name, old.Scope, now + lifetime, user.Name, now);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            old.Revoke(user.Name, now);
            IssueToken.Audit(db, user, clock, "ApiTokenRevoked", old, owner);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            IssueToken.Audit(db, user, clock, "ApiTokenIssued", token, owner);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new IssueToken.Issued(token.Id, token.Name, secret, token.ExpiresAt);
        }
    }
}
