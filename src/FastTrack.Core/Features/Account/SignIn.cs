using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>
/// Signs a person in. Guessing is slowed down per account and per address, counted from the audit
/// trail in the database (so every app instance sees the same counts): after
/// <see cref="Limits.PerAccountAndAddress"/> failures for one account from one address, or
/// <see cref="Limits.PerAddress"/> failures from one address, or <see cref="Limits.PerAccount"/> for one
/// account from anywhere, within <see cref="Limits.Window"/>, further attempts are refused as
/// Throttled (HTTP 429) without checking the password. The account itself is never locked: nobody can
/// lock somebody else out by guessing (docs/decisions/0004-sign-in-throttling.md).
/// </summary>
public static class SignIn
{
    public static class Limits
    {
        public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
        public const int PerAccountAndAddress = 5;
        public const int PerAddress = 20;
        public const int PerAccount = 50;
    }

    public enum Outcome { Succeeded, Failed, Disabled, Throttled }

    [AllowAnonymousRequest]
    public sealed record Command(string Email, string Password, bool RememberMe, string? Address) : IRequest<Outcome>
    {
        /// <summary>Never print the password, not even in a debugger or a log of the record.</summary>
        public override string ToString() => $"SignIn.Command {{ Email = {Email}, Address = {Address} }}";
    }

    internal sealed class Handler(FastTrackDbContext db, SignInManager<AppUser> signIn, ICurrentUser current, TimeProvider clock)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            var account = (request.Email ?? "").Trim().ToUpperInvariant();
            if (account.Length > 100) account = account[..100];
            var address = request.Address ?? "unknown";
            var since = clock.GetUtcNow().UtcDateTime - Limits.Window;
            var failures = db.AuditEntries.Where(a => a.Action == "SignInFailed" && a.At > since);

            if (await failures.CountAsync(a => a.Address == address, ct) >= Limits.PerAddress
                || await failures.CountAsync(a => a.EntityId == account && a.Address == address, ct) >= Limits.PerAccountAndAddress
                || await failures.CountAsync(a => a.EntityType == AuditEntities.SignIn && a.EntityId == account, ct) >= Limits.PerAccount)
            {
                await Record("SignInThrottled", account, address, null, ct);
                return Outcome.Throttled;
            }

            var user = await signIn.UserManager.FindByEmailAsync(request.Email?.Trim() ?? "");
            if (user is null || !await signIn.UserManager.CheckPasswordAsync(user, request.Password ?? ""))
            {
                await Record("SignInFailed", account, address, user?.Id, ct);
                return Outcome.Failed;
            }
            if (user.IsDisabled)
            {
                await Record("SignInRefusedDisabled", account, address, user.Id, ct);
                return Outcome.Disabled;
            }
            await signIn.SignInAsync(user, request.RememberMe);
            await Record("SignInSucceeded", account, address, user.Id, ct);
            return Outcome.Succeeded;
        }

        private async Task Record(string action, string account, string address, string? userId, CancellationToken ct)
        {
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), userId ?? current.Id, account.ToLowerInvariant(), action,
                AuditEntities.SignIn, account, address: address));
            await db.SaveChangesAsync(ct);
        }
    }
}
