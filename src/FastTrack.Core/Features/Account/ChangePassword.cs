using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FastTrack.Features.Users;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace FastTrack.Features.Account;

/// <summary>A signed-in user changes their own password (knowing the current one); this session stays signed in, others end.</summary>
public static class ChangePassword
{
    [AnySignedInUser]
    public sealed record Command : IRequest<Unit>
    {
        public string CurrentPassword { get; init; } = "";
        public string NewPassword { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("The password needs at least 12 characters.")
                .MinimumLength(12).WithMessage("The password needs at least 12 characters.")
                .MaximumLength(256).WithMessage("The password is at most 256 characters.");
            RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage("The two passwords do not match.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, ICurrentUser current, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<SignInOptions> options) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            if (!options.Value.LocalPasswords) throw new DomainException("Passwords are turned off: you sign in with single sign-on.");
            var user = await users.FindByIdAsync(current.Id ?? "") ?? throw new NotFoundException("User");
            var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
            if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                throw new ValidationException([new ValidationFailure(nameof(Command.CurrentPassword), "The current password is not right.")]);
            await IdentityResults.ThrowIfFailed(Task.FromResult(result), nameof(Command.NewPassword));
            db.Audit(current, clock, "PasswordChanged", AuditEntities.User, user.Id, []);
            await db.SaveChangesAsync(ct);
            // The security stamp changed, which ends the user's other sessions; this one gets a fresh cookie.
            await signIn.RefreshSignInAsync(user);
            return Unit.Value;
        }
    }
}
