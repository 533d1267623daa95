using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Alerts;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FastTrack.Features.Alerts;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Account;

/// <summary>Writes the reset mail in the recipient's language (the web layer's translations).</summary>
public interface IPasswordResetMailWriter
{
    (string Subject, string Body) ResetLink(string link, string? culture, TimeSpan validFor);
}

/// <summary>
/// "Forgot your password?": queues a mail with a one-time reset link (ASP.NET Core Identity's reset token, bound to the
/// account's security stamp, so it stops working once used or once the password changes; valid for <see cref="ValidFor"/>).
/// The answer is the same whether or not the address has an account, so it does not tell which addresses exist.
/// At most one mail per account per <see cref="OnePer"/>; at most <see cref="PerAddressPerHour"/> requests per address
/// and hour (the second is told to wait). docs/decisions/0020-password-reset-by-mail.md.
/// </summary>
public static class RequestPasswordReset
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(1);
    public static readonly TimeSpan OnePer = TimeSpan.FromMinutes(5);
    public const int PerAddressPerHour = 10;
    public const string MailKind = "PasswordReset";
    public const string RequestedAction = "PasswordResetRequested";

    public enum Outcome { Queued, Throttled }

    [AllowAnonymousRequest]
    public sealed record Command(string Email, string? Address) : IRequest<Outcome>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter your e-mail address.")
                .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, TimeProvider clock, MailSettings mail,
        IPasswordResetMailWriter writer, Microsoft.Extensions.Options.IOptions<SignInOptions> options) : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command request, CancellationToken ct)
        {
            if (!options.Value.LocalPasswords) throw new DomainException("Passwords are turned off: you sign in with single sign-on.");
            if (!mail.CanSend) throw new DomainException("This FastTrack sends no e-mail, so a password cannot be reset by mail. Ask an administrator to set a new one.");
            var now = clock.GetUtcNow();
            var address = request.Address ?? "unknown";
            var hourAgo = now.UtcDateTime.AddHours(-1);
            if (await db.AuditEntries.CountAsync(a => a.Action == RequestedAction && a.Address == address && a.At > hourAgo, ct) >= PerAddressPerHour)
                return Outcome.Throttled;

            var email = request.Email.Trim();
            var user = await users.FindByEmailAsync(email);
            // Recorded for every request (known address or not): the per-address count, and a trace of who asked.
            db.AuditEntries.Add(new AuditEntry(now, null, "anonymous", RequestedAction, AuditEntities.User, user?.Id ?? "unknown",
                address: address));
            if (user is not null && !user.IsDisabled)
            {
                var since = now.UtcDateTime - OnePer;
                var recent = await db.OutboxMails.AnyAsync(m => m.RecipientId == user.Id && m.Kind == MailKind && m.CreatedAt > since, ct);
                if (!recent)
                {
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    var link = $"{mail.PublicBaseUrl}/Account/ResetPassword?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
                    var (subject, body) = writer.ResetLink(link, user.Culture, ValidFor);
                    db.OutboxMails.Add(OutboxMail.Queue($"reset:{user.Id}:{now.UtcTicks}", user.Id, user.Email!, MailKind, subject, body, now));
                }
            }
            await db.SaveChangesAsync(ct);
            return Outcome.Queued;
        }
    }
}
