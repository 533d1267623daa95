using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FastTrack.Features.Users;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace FastTrack.Features.Account;

/// <summary>
/// Sets a new password from the link of <see cref="RequestPasswordReset"/>. The token is Identity's: it works once (the
/// reset changes the security stamp, which also ends every session of the account) and expires.
/// </summary>
public static class ResetPassword
{
    public const string InvalidLink = "This reset link does not work any more: it was used or it expired. Ask for a new one.";

    [AllowAnonymousRequest]
    public sealed record Command : IRequest<Unit>
    {
        public string UserId { get; init; } = "";
        public string Token { get; init; } = "";
        public string NewPassword { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";

        /// <summary>Never print the token or the passwords.</summary>
        public override string ToString() => $"ResetPassword.Command {{ UserId = {UserId} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("The password needs at least 12 characters.")
                .MinimumLength(12).WithMessage("The password needs at least 12 characters.")
                .MaximumLength(256).WithMessage("The password is at most 256 characters.")
                .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("The password cannot be only spaces.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two passwords do not match.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<SignInOptions> options) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            if (!options.Value.LocalPasswords) throw new DomainException("Passwords are turned off: you sign in with single sign-on.");
            var user = string.IsNullOrEmpty(request.UserId) || request.UserId.Length > 64 ? null : await users.FindByIdAsync(request.UserId);
            if (user is null || user.IsDisabled || string.IsNullOrEmpty(request.Token) || request.Token.Length > 2048)
                throw new DomainException(InvalidLink);
            // One transaction: the new password, every session of the account ended at once, and the audit row.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await users.ResetPasswordAsync(user, request.Token, request.NewPassword);
            if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                throw new DomainException(InvalidLink);
            await IdentityResults.ThrowIfFailed(Task.FromResult(result), nameof(Command.NewPassword));
            var now = clock.GetUtcNow();
            await SessionCheck.EndAllAsync(db, user.Id, null, now, ct);
            db.AuditEntries.Add(new AuditEntry(now, user.Id, user.Email ?? user.Id, "PasswordReset", AuditEntities.User, user.Id));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Unit.Value;
        }
    }
}
