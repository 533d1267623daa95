using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>
/// Signs a person in. Guessing is slowed down, never blocked for good, and nobody can keep the owner out
/// (docs/decisions/0004-sign-in-throttling.md):
/// <list type="bullet">
/// <item>A browser that has signed in to the account before carries a <b>known device</b> token (the web layer keeps it in
/// a protected cookie and passes its id in <see cref="Command.KnownDevice"/>). Its attempts are counted for that device
/// alone: what others try from elsewhere never slows the owner's own browser. After
/// <see cref="Limits.PerDevice"/> failures within <see cref="Limits.Window"/> the device counts as unknown.</item>
/// <item>Any other attempt is slowed down by three counts of failed attempts within the window: for the account from
/// that address, for that address (any account) and for the account from anywhere. Past each count's free allowance
/// the next attempt must wait <see cref="Limits.FirstDelay"/>, doubled at every further failure up to
/// <see cref="Limits.LongestDelay"/>, after that count's latest failure; one that comes earlier is answered Throttled
/// (HTTP 429 with the wait) without checking the password. Only failures count: successes and throttled attempts
/// never slow anybody.</item>
/// <item>Counting, checking and recording one attempt is done under a lock per account and per address (per device for
/// a known device) in this process, so simultaneous attempts cannot all pass the count before any is recorded.</item>
/// <item>An unknown e-mail address is checked against a dummy hash, so the answer takes as long as for a known one.</item>
/// </list>
/// The counts are read from the audit trail (every attempt is an audit row with the client address), so every app
/// instance sees the same counts.
/// </summary>
public static class SignIn
{
    public static class Limits
    {
        public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
        /// <summary>Free failures for one account from one address.</summary>
        public const int PerAccountAndAddress = 5;
        /// <summary>Free failures from one address, any account.</summary>
        public const int PerAddress = 20;
        /// <summary>Free failures for one account from anywhere (known devices not counted).</summary>
        public const int PerAccount = 10;
        /// <summary>Failures from a known device before it counts as unknown.</summary>
        public const int PerDevice = 5;
        public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(1);

        /// <summary>The wait after the latest of <paramref name="failures"/> failures when <paramref name="free"/> are free.</summary>
        public static TimeSpan Delay(int failures, int free)
        {
            if (failures < free) return TimeSpan.Zero;
            var doublings = Math.Min(failures - free, 30);
            var seconds = FirstDelay.TotalSeconds * Math.Pow(2, doublings);
            return seconds >= LongestDelay.TotalSeconds ? LongestDelay : TimeSpan.FromSeconds(seconds);
        }
    }

    public enum Outcome { Succeeded, Failed, Disabled, Throttled, PasswordsOff }

    /// <param name="RetryAfter">For Throttled: how long to wait before the next attempt.</param>
    /// <param name="Device">For Succeeded: the known-device id to keep in the browser (the one given, or a new one).</param>
    public sealed record Result(Outcome Outcome, TimeSpan RetryAfter = default, string? Device = null);

    /// <param name="KnownDevice">The id of a known-device token this browser holds for this account, if any.</param>
    [AllowAnonymousRequest]
    public sealed record Command(string Email, string Password, bool RememberMe, string? Address, string? KnownDevice = null) : IRequest<Result>
    {
        /// <summary>Never print the password, not even in a debugger or a log of the record.</summary>
        public override string ToString() => $"SignIn.Command {{ Email = {Email}, Address = {Address} }}";
    }

    /// <summary>Audit entity type of a failure from a known device (its entity id is the device id).</summary>
    public const string KnownDeviceEntity = "SignInDevice";

    internal sealed class Handler(FastTrackDbContext db, SignInManager<AppUser> signIn, ICurrentUser current, TimeProvider clock,
        IPasswordHasher<AppUser> hasher, Microsoft.Extensions.Options.IOptions<SignInOptions> options) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken ct)
        {
            // Single sign-on only (LocalPasswords = false): no password is even checked.
            if (!options.Value.LocalPasswords) return new Result(Outcome.PasswordsOff);
            var account = (request.Email ?? "").Trim().ToUpperInvariant();
            if (account.Length > 100) account = account[..100];
            var address = request.Address ?? "unknown";
            var device = string.IsNullOrEmpty(request.KnownDevice) || request.KnownDevice.Length > 64 ? null : request.KnownDevice;

            if (device is not null)
            {
                using (await SignInLocks.AcquireAsync("device:" + device, null, ct))
                {
                    var since = clock.GetUtcNow().UtcDateTime - Limits.Window;
                    var deviceFailures = await db.AuditEntries.CountAsync(a => a.EntityType == KnownDeviceEntity && a.EntityId == device
                        && a.Action == "SignInFailed" && a.At > since, ct);
                    if (deviceFailures < Limits.PerDevice) return await CheckAsync(request, account, address, device, ct);
                }
            }

            using (await SignInLocks.AcquireAsync("account:" + account, "address:" + address, ct))
            {
                var wait = await WaitAsync(account, address, ct);
                if (wait > TimeSpan.Zero)
                {
                    await Record("SignInThrottled", AuditEntities.SignIn, account, account, address, null, ct);
                    return new Result(Outcome.Throttled, wait);
                }
                return await CheckAsync(request, account, address, null, ct);
            }
        }

        /// <summary>How long an attempt from an unknown device must still wait: the longest of the three counts' waits.</summary>
        private async Task<TimeSpan> WaitAsync(string account, string address, CancellationToken ct)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var since = now - Limits.Window;
            var failures = db.AuditEntries.Where(a => a.Action == "SignInFailed" && a.EntityType == AuditEntities.SignIn && a.At > since);
            var wait = TimeSpan.Zero;
            foreach (var (counted, free) in new[]
                     {
                         (failures.Where(a => a.EntityId == account && a.Address == address), Limits.PerAccountAndAddress),
                         (failures.Where(a => a.Address == address), Limits.PerAddress),
                         (failures.Where(a => a.EntityId == account), Limits.PerAccount),
                     })
            {
                var count = await counted.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Latest = g.Max(a => a.At) }).FirstOrDefaultAsync(ct);
                if (count is null || count.Count < free) continue;
                var left = DateTime.SpecifyKind(count.Latest, DateTimeKind.Utc) + Limits.Delay(count.Count, free) - now;
                if (left > wait) wait = left;
            }
            return wait;
        }

        private async Task<Result> CheckAsync(Command request, string account, string address, string? device, CancellationToken ct)
        {
            var user = await signIn.UserManager.FindByEmailAsync(request.Email?.Trim() ?? "");
            var password = request.Password ?? "";
            bool correct;
            if (user is null)
            {
                // As slow as checking a real password, so the time of the answer does not tell which addresses exist.
                hasher.VerifyHashedPassword(DummyUser, DummyHash(hasher), password);
                correct = false;
            }
            else
            {
                correct = await signIn.UserManager.CheckPasswordAsync(user, password);
            }
            if (!correct)
            {
                if (device is null) await Record("SignInFailed", AuditEntities.SignIn, account, account, address, user?.Id, ct);
                else await Record("SignInFailed", KnownDeviceEntity, device, account, address, user?.Id, ct);
                return new Result(Outcome.Failed);
            }
            if (user!.IsDisabled)
            {
                await Record("SignInRefusedDisabled", AuditEntities.SignIn, account, account, address, user.Id, ct);
                return new Result(Outcome.Disabled);
            }
            await signIn.SignInAsync(user, request.RememberMe);
            await Record("SignInSucceeded", AuditEntities.SignIn, account, account, address, user.Id, ct);
            return new Result(Outcome.Succeeded, Device: device ?? Guid.NewGuid().ToString("N"));
        }

        private static readonly AppUser DummyUser = new() { UserName = "dummy", Email = "dummy@invalid" };
        private static string? _dummyHash;

        /// <summary>A hash made once with the app's own hasher (same algorithm and iterations as real ones).</summary>
        private static string DummyHash(IPasswordHasher<AppUser> hasher) =>
            _dummyHash ??= hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N"));

        private async Task Record(string action, string entityType, string entityId, string account, string address, string? userId, CancellationToken ct)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), userId ?? current.Id, account.ToLowerInvariant(), action,
                entityType, entityId, summary: entityType == KnownDeviceEntity ? account.ToLowerInvariant() : null, address: address));
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>
/// Locks that make one sign-in attempt's count, check and record one step per account and address in this process
/// (striped: a fixed number of semaphores, so guessing many names cannot grow memory).
/// </summary>
internal static class SignInLocks
{
    private const int Stripes = 256;
    private static readonly SemaphoreSlim[] Locks = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public static async Task<IDisposable> AcquireAsync(string first, string? second, CancellationToken ct)
    {
        var a = Stripe(first);
        var b = second is null ? a : Stripe(second);
        var (low, high) = a <= b ? (a, b) : (b, a);
        await Locks[low].WaitAsync(ct);
        if (high != low)
        {
            try { await Locks[high].WaitAsync(ct); }
            catch { Locks[low].Release(); throw; }
        }
        return new Held(low, high);
    }

    private static int Stripe(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes);

    private sealed class Held(int low, int high) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            if (high != low) Locks[high].Release();
            Locks[low].Release();
        }
    }
}
