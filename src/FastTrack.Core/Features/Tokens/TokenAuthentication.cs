using FastTrack.Data;
using FastTrack.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Tokens;

/// <summary>
/// Finds the user an API token stands for, on every request (no cache: a revoked or expired token, or a disabled user,
/// is refused on the next request). The token is looked up by its SHA-256; the token itself is never stored or logged.
/// </summary>
public sealed class TokenAuthentication(FastTrackDbContext db, TimeProvider clock)
{
    public sealed record Found(AppUser User, int TokenId, ApiTokenScope Scope);

    public async Task<Found?> FindAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = ApiToken.HashOf(secret);
        var token = await db.ApiTokens.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || !token.IsActive(clock.GetUtcNow())) return null;
        var user = await db.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || user.IsDisabled) return null;
        return new Found(user, token.Id, token.Scope);
    }
}
