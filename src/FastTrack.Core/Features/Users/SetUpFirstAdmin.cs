using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Users;

/// <summary>First run: while no user exists, anyone who can reach the app creates the first admin, and is signed in as them. Closed for ever after.</summary>
public static class SetUpFirstAdmin
{
    [AllowAnonymousRequest]
    public sealed record Query : IRequest<bool>;

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, bool>
    {
        public async Task<bool> Handle(Query request, CancellationToken ct) => !await db.Users.AnyAsync(ct);
    }

    [AllowAnonymousRequest]
    public sealed record Command : IRequest<string>
    {
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
        public string ConfirmPassword { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
            RuleFor(c => (string?)c.Password).StrongPassword().OverridePropertyName(nameof(Command.Password));
            RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords do not match.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, ICurrentUser current, TimeProvider clock)
        : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.Users.AnyAsync(ct))
                throw new DomainException("Setup is closed: an administrator already exists. Sign in instead.");
            var user = new AppUser
            {
                UserName = request.Email.Trim(),
                Email = request.Email.Trim(),
                DisplayName = request.DisplayName.Trim(),
                EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            await IdentityResults.ThrowIfFailed(users.CreateAsync(user, request.Password));
            await IdentityResults.ThrowIfFailed(users.AddToRoleAsync(user, Roles.Admin));
            db.Audit(current, clock, "FirstAdminCreated", AuditEntities.User, user.Id,
                [new FieldChange("Email", null, user.Email), new FieldChange("Roles", null, Roles.Admin)]);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // The person who just chose the password is the admin: signed in at once rather than asked for it again.
            await signIn.SignInAsync(user, isPersistent: false);
            return user.Id;
        }
    }
}
