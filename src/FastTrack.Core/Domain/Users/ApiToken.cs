using System.Security.Cryptography;
using FastTrack.Domain.Common;

namespace FastTrack.Domain.Users;

/// <summary>What an API token may do: read only, or read and write (always within its user's rights).</summary>
public enum ApiTokenScope
{
    Read,
    ReadWrite,
}

/// <summary>
/// A machine's credential for the REST API, bound to one user's rights. Only the SHA-256 of the token is kept (the token
/// is 32 random bytes, so a hash without salt or stretching is enough); the token itself is shown once, when issued.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "ftk_";
    public const int MaxNameLength = 100;

    private ApiToken() { }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ApiTokenScope Scope { get; private set; }
    /// <summary>Hex SHA-256 of the token.</summary>
    public string Hash { get; private set; } = "";
    /// <summary>The first characters of the token, so its owner can tell tokens apart in the list.</summary>
    public string Hint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }

    /// <summary>A new token for <paramref name="userId"/>; returns it with the secret, which is nowhere else.</summary>
    public static (ApiToken Token, string Secret) Issue(string userId, string name, ApiTokenScope scope, DateTimeOffset expiresAt, string by, DateTimeOffset now)
    {
        name = Guard.Name(name, "The token's name");
        if (name.Length > MaxNameLength) throw new DomainException("A token's name is at most 100 characters.");
        if (expiresAt <= now) throw new DomainException("The expiry must be in the future.");
        if (expiresAt > now.AddYears(1).AddDays(1)) throw new DomainException("A token lasts at most one year.");
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new ApiToken
        {
            UserId = userId, Name = name, Scope = scope, Hash = HashOf(secret), Hint = secret[..(Prefix.Length + 6)],
            CreatedAt = now, CreatedBy = by, ExpiresAt = expiresAt,
        }, secret);
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>Revoking twice is a no-op (the first revocation is kept).</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        if (RevokedAt is not null) return;
        RevokedAt = now;
        RevokedBy = by;
    }

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
