using System.Collections.Concurrent;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>
/// Server-side sign-in sessions (docs/security.md, Sessions). Every sign-in starts a <see cref="UserSession"/>, whose id
/// the web layer keeps in the protected sign-in cookie; every request with that cookie asks <see cref="IsActiveAsync"/>.
/// The answer is cached per session under the <see cref="ChangeCounter.Sessions"/> counter, which every ending of a
/// session raises in the same transaction: a request reads that one counter (one small compiled command) and reads the
/// session's row only when the counter moved or the session is new to this instance. So an ended session is refused
/// at the very next request, on every instance, and an active one costs one counter read.
/// </summary>
public sealed class SessionCheck(TimeProvider clock)
{
    /// <summary>Beyond this many cached answers the cache starts again (each holds a few dozen bytes).</summary>
    private const int MaxEntries = 50_000;

    /// <summary>The tag on this check's commands, so that query budgets can count a page's own commands apart.</summary>
    public const string Tag = "session check";

    private sealed record Entry(long Counter, string UserId, bool Active, DateTime LastSeenAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The counter, and the user's unread alerts for the bell in the page header (counted in this same command, ADR 0019).</summary>
    public sealed record Reading(long Counter, int UnreadAlerts);

    private static readonly CompiledPerEngine<Func<FastTrackDbContext, string, Task<Reading?>>> CounterQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db, string userId) => db.ChangeCounters.TagWith(Tag).Where(c => c.Name == ChangeCounter.Sessions)
            .Select(c => new Reading(c.Value, db.Alerts.Count(a => a.RecipientId == userId && a.ReadAt == null))).FirstOrDefault()));

    private static readonly CompiledPerEngine<Func<FastTrackDbContext, string, Task<UserSession?>>> SessionQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db, string id) => db.UserSessions.TagWith(Tag).FirstOrDefault(s => s.Id == id)));

    /// <summary>Starts a session for a user who has just signed in; returns its id, for the cookie.</summary>
    public async Task<string> StartAsync(FastTrackDbContext db, string userId, string? userAgent, bool persistent, CancellationToken ct)
    {
        var session = UserSession.Start(userId, UserAgents.Short(userAgent), persistent, clock.GetUtcNow());
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>Whether the session is active and is <paramref name="userId"/>'s; notes the request as its last seen time.</summary>
    public async Task<bool> IsActiveAsync(FastTrackDbContext db, string sessionId, string userId, CancellationToken ct) =>
        await CheckAsync(db, sessionId, userId, ct) is not null;

    /// <summary>
    /// As <see cref="IsActiveAsync"/>, with the user's unread alerts: null when the session is not active. The count rides
    /// on the counter's command, so the bell costs no command of its own on any page.
    /// </summary>
    public async Task<int?> CheckAsync(FastTrackDbContext db, string sessionId, string userId, CancellationToken ct)
    {
        if (sessionId.Length != 32) return null;
        // The counter first, then the row: a session ended after the counter was read raises it again, so the next
        // request re-reads the row whatever this one cached.
        var reading = await CounterQuery.For(db)(db, userId) ?? new Reading(0, 0);
        var counter = reading.Counter;
        if (!_entries.TryGetValue(sessionId, out var entry) || entry.Counter != counter)
        {
            var row = await SessionQuery.For(db)(db, sessionId);
            if (_entries.Count >= MaxEntries) _entries.Clear();
            entry = row is null ? new Entry(counter, "", false, default) : new Entry(counter, row.UserId, row.IsActive, row.LastSeenAt);
            _entries[sessionId] = entry;
        }
        if (!entry.Active || entry.UserId != userId) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - entry.LastSeenAt >= UserSession.LastSeenPrecision)
        {
            // Written around the change tracker (nothing else of this request is saved with it) and without raising the
            // counter: a last-seen time changes no answer.
            using (db.Database.CurrentTransaction is null && db is SqliteFastTrackDbContext
                       ? await SqliteWriteGate.EnterAsync(db.Database.GetConnectionString(), ct) : null)
                await db.UserSessions.TagWith(Tag).Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            _entries[sessionId] = entry with { LastSeenAt = now };
        }
        return reading.UnreadAlerts;
    }

    /// <summary>Ends the user's active sessions (all, or all but <paramref name="except"/>) in the caller's save.</summary>
    internal static async Task<int> EndAllAsync(FastTrackDbContext db, string userId, string? except, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await db.UserSessions.AsTracking().Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except).ToListAsync(ct);
        return sessions.Count(s => s.Revoke(now));
    }
}

/// <summary>The signed-in user's active sessions, for their profile page: this one marked.</summary>
public static class ListSessions
{
    [AnySignedInUser]
    public sealed record Query(string? CurrentSessionId) : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(string Id, string UserAgent, DateTime CreatedAt, DateTime LastSeenAt, bool Persistent, bool IsCurrent);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct)
        {
            var rows = await db.UserSessions.Where(s => s.UserId == user.Id && s.RevokedAt == null)
                .OrderByDescending(s => s.LastSeenAt)
                .Select(s => new Row(s.Id, s.UserAgent, s.CreatedAt, s.LastSeenAt, s.Persistent, s.Id == request.CurrentSessionId))
                .ToListAsync(ct);
            // This browser first.
            return [.. rows.OrderByDescending(r => r.IsCurrent)];
        }
    }
}

/// <summary>Ends one of the signed-in user's own sessions: signing out here, or "sign out" on another one in the list.</summary>
public static class EndSession
{
    [AnySignedInUser]
    public sealed record Command(string SessionId) : IRequest<Unit>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            // Another user's session is not found: nobody ends a session but its own user (admins disable the user).
            var session = await db.UserSessions.AsTracking().FirstOrDefaultAsync(s => s.Id == request.SessionId && s.UserId == user.Id, ct)
                ?? throw new NotFoundException("Session");
            if (!session.Revoke(clock.GetUtcNow())) return Unit.Value;
            db.Audit(user, clock, "SessionEnded", AuditEntities.User, session.UserId, [], session.UserAgent);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

/// <summary>"Sign out everywhere": ends every session of the signed-in user, this one included.</summary>
public static class EndAllSessions
{
    [AnySignedInUser]
    public sealed record Command : IRequest<int>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            var ended = await SessionCheck.EndAllAsync(db, user.Id!, null, clock.GetUtcNow(), ct);
            if (ended == 0) return 0;
            db.Audit(user, clock, "SignedOutEverywhere", AuditEntities.User, user.Id!,
                [new FieldChange("Sessions", ended.ToString(System.Globalization.CultureInfo.InvariantCulture), "0")]);
            await db.SaveChangesAsync(ct);
            return ended;
        }
    }
}

/// <summary>A User-Agent header in a few words ("Firefox on Windows"), enough to tell one's sessions apart.</summary>
public static class UserAgents
{
    public static string Short(string? userAgent)
    {
        var ua = userAgent ?? "";
        var browser =
            ua.Contains("Edg/", StringComparison.Ordinal) || ua.Contains("Edge/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("OPR/", StringComparison.Ordinal) || ua.Contains("Opera", StringComparison.Ordinal) ? "Opera"
            : ua.Contains("Firefox/", StringComparison.Ordinal) || ua.Contains("FxiOS/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) || ua.Contains("CriOS/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : ua.Contains("curl/", StringComparison.OrdinalIgnoreCase) ? "curl"
            : null;
        var system =
            ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) || ua.Contains("Macintosh", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return (browser, system) switch
        {
            (null, null) => "Unknown browser",
            (_, null) => browser!,
            (null, _) => "Browser on " + system,
            _ => $"{browser} on {system}",
        };
    }
}
