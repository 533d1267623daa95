using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>
/// Signs in a person whom the deployment's OpenID Connect provider has just vouched for (the web layer's OIDC handler
/// has validated issuer, audience, signature and lifetime of the id token and mapped its claims; docs/decisions/0018).
/// The identity is the provider's issuer + subject, kept as an Identity login (AspNetUserLogins). The first time:
/// an enabled user with the same e-mail is linked; otherwise the person is created with the mapped role and
/// organisation (<see cref="NewUsers.Create"/>) or waits in the approval queue (<see cref="NewUsers.Approve"/>).
/// A disabled user is refused, whatever the provider says. Every outcome is in the audit trail. The sign-in is the
/// same cookie sign-in as with a password, so it starts a server-side session.
/// </summary>
public static class SsoSignIn
{
    public enum NewUsers { Approve, Create }

    public enum Outcome { Succeeded, Pending, Rejected, Disabled, MissingEmail, MissingRole, UnknownOrganisation }

    /// <param name="Role">The role the provider's claims map to (null: none maps).</param>
    /// <param name="Organisation">The partner organisation's name the claims map to (null: none).</param>
    [AllowAnonymousRequest]
    public sealed record Command(string Issuer, string Subject, string? Email, string? DisplayName, string? Role, string? Organisation,
        NewUsers NewUsers, string? Address) : IRequest<Outcome>;

    /// <summary>The audit entity of SSO sign-ins; its id is the provider's issuer and subject.</summary>
    public const string AuditEntity = "SsoSignIn";

    internal sealed class Handler(FastTrackDbContext db, SignInManager<AppUser> signIn, TimeProvider clock) : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            var users = signIn.UserManager;
            var identity = Identity(request);
            var email = request.Email?.Trim();
            var user = await users.FindByLoginAsync(request.Issuer, request.Subject);
            if (user is null)
            {
                if (string.IsNullOrEmpty(email) || email.Length > 256 || !email.Contains('@'))
                    return await Refuse("SsoSignInRefused", "no e-mail claim", email, null, Outcome.MissingEmail, request, ct);
                var signUp = await db.SsoSignUps.FirstOrDefaultAsync(s => s.Issuer == request.Issuer && s.Subject == request.Subject, ct);
                if (signUp?.Status == SsoSignUpStatus.Pending) return await Refuse("SsoSignInPending", "waiting for approval", email, null, Outcome.Pending, request, ct);
                if (signUp?.Status == SsoSignUpStatus.Rejected) return await Refuse("SsoSignInRefused", "sign-up rejected", email, null, Outcome.Rejected, request, ct);

                user = await users.FindByEmailAsync(email);
                if (user is not null)
                {
                    // An account the admin created (or /Setup) before this person first used single sign-on: the provider
                    // is the deployment's own, trusted to say whose address this is (ADR 0018).
                    if (user.IsDisabled) return await Refuse("SsoSignInRefusedDisabled", "user disabled", email, user.Id, Outcome.Disabled, request, ct);
                    await IdentityResults.ThrowIfFailed(users.AddLoginAsync(user, new UserLoginInfo(request.Issuer, request.Subject, "SSO")));
                    Record("SsoLoginLinked", identity, email, user.Id, request.Address, null);
                    await db.SaveChangesAsync(ct);
                }
                else
                {
                    var role = request.Role is { } r && Roles.All.Contains(r) ? r : null;
                    int? organisation = null;
                    if (role == Roles.Partner)
                    {
                        var name = request.Organisation?.Trim();
                        organisation = string.IsNullOrEmpty(name) ? null
                            : await db.PartnerOrganisations.Where(p => p.Name == name).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
                    }
                    if (request.NewUsers == NewUsers.Approve)
                    {
                        db.SsoSignUps.Add(SsoSignUp.Request(request.Issuer, request.Subject, email, DisplayName(request, email), role,
                            organisation, clock.GetUtcNow()));
                        Record("SsoSignUpRequested", identity, email, null, request.Address, role);
                        await db.SaveChangesAsync(ct);
                        return Outcome.Pending;
                    }
                    if (role is null) return await Refuse("SsoSignInRefused", "no mapped role claim", email, null, Outcome.MissingRole, request, ct);
                    if (role == Roles.Partner && organisation is null)
                        return await Refuse("SsoSignInRefused", "no known partner organisation", email, null, Outcome.UnknownOrganisation, request, ct);
                    user = await CreateAsync(users, db, clock, request.Issuer, request.Subject, email, DisplayName(request, email), role, organisation, ct);
                    Record("SsoUserCreated", identity, email, user.Id, request.Address, role);
                    await db.SaveChangesAsync(ct);
                }
            }
            if (user.IsDisabled) return await Refuse("SsoSignInRefusedDisabled", "user disabled", user.Email, user.Id, Outcome.Disabled, request, ct);
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "sso");
            Record("SsoSignInSucceeded", identity, user.Email, user.Id, request.Address, null);
            await db.SaveChangesAsync(ct);
            return Outcome.Succeeded;
        }

        private static string Identity(Command request)
        {
            var id = request.Issuer.TrimEnd('/') + "#" + request.Subject;
            return id.Length > 100 ? id[..100] : id;
        }

        private static string DisplayName(Command request, string email) =>
            string.IsNullOrWhiteSpace(request.DisplayName) ? email : request.DisplayName.Trim() is { Length: > 200 } n ? n[..200] : request.DisplayName.Trim();

        private async Task<Outcome> Refuse(string action, string why, string? email, string? userId, Outcome outcome, Command request, CancellationToken ct)
        {
            Record(action, Identity(request), email, userId, request.Address, why);
            await db.SaveChangesAsync(ct);
            return outcome;
        }

        private void Record(string action, string identity, string? email, string? userId, string? address, string? summary) =>
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), userId, (email ?? "unknown").ToLowerInvariant() is { Length: > 256 } e ? e[..256] : (email ?? "unknown").ToLowerInvariant(),
                action, AuditEntity, identity, summary: summary, address: address));
    }

    /// <summary>A user who signs in only through the provider: no password, the provider's login, one role.</summary>
    internal static async Task<AppUser> CreateAsync(UserManager<AppUser> users, FastTrackDbContext db, TimeProvider clock, string issuer,
        string subject, string email, string displayName, string role, int? organisation, CancellationToken ct)
    {
        var user = new AppUser
        {
            UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
            PartnerOrganisationId = role == Roles.Partner ? organisation : null,
        };
        await IdentityResults.ThrowIfFailed(users.CreateAsync(user));
        await IdentityResults.ThrowIfFailed(users.AddToRoleAsync(user, role));
        await IdentityResults.ThrowIfFailed(users.AddLoginAsync(user, new UserLoginInfo(issuer, subject, "SSO")));
        return user;
    }
}

/// <summary>
/// A single sign-on that never reached the app's checks: the provider's answer failed validation (expired, meant for
/// another application, a bad signature, another issuer) or the person cancelled. Recorded with the reason.
/// </summary>
public static class RecordSsoRefusal
{
    [AllowAnonymousRequest]
    public sealed record Command(string Reason, string? Address) : IRequest<Unit>;

    internal sealed class Handler(FastTrackDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var reason = request.Reason.Length > 100 ? request.Reason[..100] : request.Reason;
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), null, "unknown", "SsoSignInRefused", SsoSignIn.AuditEntity, reason,
                summary: reason, address: request.Address));
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
