using System.Security.Cryptography;

namespace FastTrack.Domain.Users;

/// <summary>
/// One signed-in browser: its id travels in the protected sign-in cookie and is checked on every request, so a session
/// ended here (sign-out, "sign out everywhere", a disabled user) is refused at once on every app instance, a copied
/// cookie included (docs/security.md, Sessions).
/// </summary>
public sealed class UserSession
{
    public const int UserAgentLength = 100;

    private UserSession() { }

    /// <summary>32 hex characters of 16 random bytes.</summary>
    public string Id { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>The latest request seen, written at most every few minutes (<see cref="LastSeenPrecision"/>).</summary>
    public DateTime LastSeenAt { get; private set; }
    /// <summary>A short form of the browser's User-Agent ("Firefox on Windows"), so its owner can tell sessions apart.</summary>
    public string UserAgent { get; private set; } = "";
    /// <summary>"Keep me signed in": the cookie outlives the browser; the session still ends when revoked.</summary>
    public bool Persistent { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(5);

    public static UserSession Start(string userId, string userAgent, bool persistent, DateTimeOffset now) => new()
    {
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        UserId = userId,
        CreatedAt = now.UtcDateTime,
        LastSeenAt = now.UtcDateTime,
        UserAgent = userAgent.Length > UserAgentLength ? userAgent[..UserAgentLength] : userAgent,
        Persistent = persistent,
    };

    public bool IsActive => RevokedAt is null;

    /// <summary>Ending a session twice is a no-op (the first time is kept).</summary>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now.UtcDateTime;
        return true;
    }
}
