using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace FastTrack.Features.Users;

/// <summary>
/// An admin creates an account with its roles and an initial password; where passwords are turned off (single sign-on
/// only, <see cref="Account.SignInOptions.LocalPasswords"/>) the account has none and signs in through the provider.
/// </summary>
public static class CreateUser
{
    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Command : IRequest<string>
    {
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Password { get; init; } = "";
        public List<string> Roles { get; init; } = [];
        /// <summary>Required for a Partner, empty for everyone else.</summary>
        public int? PartnerOrganisationId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, Microsoft.Extensions.Options.IOptions<Account.SignInOptions> signIn)
        {
            UserRules.Apply(this, db, c => c.Roles, c => c.PartnerOrganisationId);
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(200);
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter an e-mail address.").EmailAddress().WithMessage("Enter a valid e-mail address.").MaximumLength(256);
            if (signIn.Value.LocalPasswords)
                RuleFor(c => (string?)c.Password).StrongPassword().OverridePropertyName(nameof(Command.Password));
            else
                // The form has no password field then: the message is the form's own.
                RuleFor(c => c).Must(c => string.IsNullOrEmpty(c.Password)).WithMessage("Passwords are turned off: people sign in with single sign-on.");
            RuleFor(c => c.Roles).NotEmpty().WithMessage("Choose at least one role.");
            RuleForEach(c => c.Roles).Must(r => Domain.Catalogue.Roles.All.Contains(r)).WithMessage("Unknown role.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, ICurrentUser current, TimeProvider clock)
        : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = new AppUser
            {
                UserName = request.Email.Trim(),
                Email = request.Email.Trim(),
                DisplayName = request.DisplayName.Trim(),
                EmailConfirmed = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                PartnerOrganisationId = request.Roles.Contains(Domain.Catalogue.Roles.Partner) ? request.PartnerOrganisationId : null,
            };
            await IdentityResults.ThrowIfFailed(string.IsNullOrEmpty(request.Password) ? users.CreateAsync(user) : users.CreateAsync(user, request.Password));
            await IdentityResults.ThrowIfFailed(users.AddToRolesAsync(user, request.Roles.Distinct()));
            db.Audit(current, clock, "UserCreated", AuditEntities.User, user.Id,
                [new FieldChange("E-mail", null, user.Email), new FieldChange("Name", null, user.DisplayName),
                 new FieldChange("Roles", null, string.Join(", ", request.Roles.Distinct().Order())),
                 new FieldChange("Partner organisation", null, await UserRules.OrganisationNameAsync(db, user.PartnerOrganisationId, ct))]);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return user.Id;
        }
    }
}
