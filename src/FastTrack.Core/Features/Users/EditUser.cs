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

/// <summary>
/// An admin changes a person's name, roles, enabled state or password. Removing a role, disabling the
/// account or setting a password renews the security stamp, which ends that person's sessions within
/// a minute (the stamp is re-validated every minute).
/// </summary>
public static class EditUser
{
    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Query(string Id) : IRequest<Command>;

    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public List<string> Roles { get; init; } = [];
        public bool IsDisabled { get; init; }
        /// <summary>Required for a Partner, empty for everyone else.</summary>
        public int? PartnerOrganisationId { get; init; }
        /// <summary>A Partner who manages their organisation's API tokens (ignored for everyone else).</summary>
        public bool IsOrganisationAdmin { get; init; }
        /// <summary>Empty keeps the current password.</summary>
        public string? NewPassword { get; init; }
        public string ConcurrencyStamp { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, Microsoft.Extensions.Options.IOptions<Account.SignInOptions> options)
        {
            RuleFor(c => c.NewPassword).Empty().When(_ => !options.Value.LocalPasswords)
                .WithMessage("Passwords are turned off: people sign in with single sign-on.");
            UserRules.Apply(this, db, c => c.Roles, c => c.PartnerOrganisationId);
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(200);
            RuleFor(c => c.Roles).NotEmpty().WithMessage("Choose at least one role.");
            RuleForEach(c => c.Roles).Must(r => Domain.Catalogue.Roles.All.Contains(r)).WithMessage("Unknown role.");
            RuleFor(c => c.NewPassword).StrongPassword(required: false);
        }
    }

    internal sealed class QueryHandler(UserManager<AppUser> users) : IRequestHandler<Query, Command>
    {
        public async Task<Command> Handle(Query request, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(request.Id) ?? throw new NotFoundException("User");
            return new Command
            {
                Id = user.Id,
                DisplayName = user.DisplayName,
                Email = user.Email ?? "",
                Roles = (await users.GetRolesAsync(user)).Order().ToList(),
                IsDisabled = user.IsDisabled,
                PartnerOrganisationId = user.PartnerOrganisationId,
                IsOrganisationAdmin = user.IsOrganisationAdmin,
                ConcurrencyStamp = user.ConcurrencyStamp ?? "",
            };
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, ICurrentUser current, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var user = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == request.Id, ct) ?? throw new NotFoundException("User");
            if (user.ConcurrencyStamp != request.ConcurrencyStamp)
                throw new ConcurrencyConflictException("Someone else changed this user while you were editing. Reload the page to see their changes.");
            if (user.Id == current.Id && (request.IsDisabled || !request.Roles.Contains(Roles.Admin)))
                throw new DomainException("You cannot disable yourself or remove your own Admin role; ask another admin.");

            var oldRoles = (await users.GetRolesAsync(user)).Order().ToList();
            var newRoles = request.Roles.Distinct().Order().ToList();
            var changes = new List<FieldChange>();
            void Track(string field, string? before, string? after)
            {
                if (before != after) changes.Add(new FieldChange(field, before, after));
            }
            Track("Name", user.DisplayName, request.DisplayName.Trim());
            Track("Roles", string.Join(", ", oldRoles), string.Join(", ", newRoles));
            Track("Disabled", user.IsDisabled ? "yes" : "no", request.IsDisabled ? "yes" : "no");
            var newOrganisation = newRoles.Contains(Roles.Partner) ? request.PartnerOrganisationId : null;
            var organisationChanged = newOrganisation != user.PartnerOrganisationId;
            if (organisationChanged)
                Track("Partner organisation", await UserRules.OrganisationNameAsync(db, user.PartnerOrganisationId, ct),
                    await UserRules.OrganisationNameAsync(db, newOrganisation, ct));
            var organisationAdmin = newRoles.Contains(Roles.Partner) && request.IsOrganisationAdmin;
            var organisationAdminRemoved = user.IsOrganisationAdmin && !organisationAdmin;
            Track("Organisation admin", user.IsOrganisationAdmin ? "yes" : "no", organisationAdmin ? "yes" : "no");
            if (!string.IsNullOrEmpty(request.NewPassword)) changes.Add(new FieldChange("Password", "(hidden)", "(changed)"));
            if (changes.Count == 0) return Unit.Value;

            user.DisplayName = request.DisplayName.Trim();
            user.IsDisabled = request.IsDisabled;
            user.PartnerOrganisationId = newOrganisation;
            user.IsOrganisationAdmin = organisationAdmin;
            if (organisationChanged)
                // Assignments belong to the organisation the person worked for.
                db.EngagementPartnerAssignments.RemoveRange(await db.EngagementPartnerAssignments.AsTracking().Where(a => a.UserId == user.Id).ToListAsync(ct));
            await IdentityResults.ThrowIfFailed(users.UpdateAsync(user));
            var removed = oldRoles.Except(newRoles).ToList();
            if (removed.Count > 0) await IdentityResults.ThrowIfFailed(users.RemoveFromRolesAsync(user, removed));
            var added = newRoles.Except(oldRoles).ToList();
            if (added.Count > 0) await IdentityResults.ThrowIfFailed(users.AddToRolesAsync(user, added));
            if (!string.IsNullOrEmpty(request.NewPassword))
            {
                await IdentityResults.ThrowIfFailed(users.RemovePasswordAsync(user));
                await IdentityResults.ThrowIfFailed(users.AddPasswordAsync(user, request.NewPassword), "NewPassword");
            }
            if (removed.Count > 0 || request.IsDisabled || organisationChanged || organisationAdminRemoved || !string.IsNullOrEmpty(request.NewPassword))
                await IdentityResults.ThrowIfFailed(users.UpdateSecurityStampAsync(user));
            // A disabled user, or one given a new password, is signed out of every session at once (docs/security.md).
            if (request.IsDisabled || !string.IsNullOrEmpty(request.NewPassword))
                await Account.SessionCheck.EndAllAsync(db, user.Id, null, clock.GetUtcNow(), ct);

            db.Audit(current, clock, "UserChanged", AuditEntities.User, user.Id, changes, user.Email);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Unit.Value;
        }
    }
}
