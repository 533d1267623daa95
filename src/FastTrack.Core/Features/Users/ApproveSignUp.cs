using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Users;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Users;

/// <summary>
/// An admin approves a person waiting after their first single sign-on, choosing (or confirming) their role and, for a
/// Partner, their organisation: the user is created with the provider's login and signs in next time.
/// </summary>
public static class ApproveSignUp
{
    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string Role { get; init; } = "";
        public int? PartnerOrganisationId { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.Role).Must(r => Domain.Catalogue.Roles.All.Contains(r)).WithMessage("Choose the person's role.");
            UserRules.Apply(this, db, c => [c.Role], c => c.PartnerOrganisationId);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, UserManager<AppUser> users, ICurrentUser current, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var signUp = await db.SsoSignUps.AsTracking().FirstOrDefaultAsync(s => s.Id == request.Id, ct) ?? throw new NotFoundException("Sign-up");
            if (signUp.Version != request.Version || signUp.Status != SsoSignUpStatus.Pending)
                throw new ConcurrencyConflictException("Someone else has already decided on this sign-up. Reload the page.");
            if (await users.FindByEmailAsync(signUp.Email) is not null)
                throw new DomainException("A user with this e-mail address already exists: reject this sign-up; they sign in as that user.");
            var organisation = request.Role == Domain.Catalogue.Roles.Partner ? request.PartnerOrganisationId : null;
            var user = await Account.SsoSignIn.CreateAsync(users, db, clock, signUp.Issuer, signUp.Subject, signUp.Email, signUp.DisplayName,
                request.Role, organisation, ct);
            signUp.Approve(user.Id, current.Name, clock.GetUtcNow());
            db.Audit(current, clock, "SsoSignUpApproved", AuditEntities.SsoSignUp, signUp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new FieldChange("E-mail", null, signUp.Email), new FieldChange("Roles", null, request.Role),
                 new FieldChange("Partner organisation", null, await UserRules.OrganisationNameAsync(db, organisation, ct))], signUp.Email);
            await SaveAsync(db, ct);
            await tx.CommitAsync(ct);
            return Unit.Value;
        }
    }

    /// <summary>Two admins deciding the same sign-up at once: the version condition lets one through, the other is told.</summary>
    internal static async Task SaveAsync(FastTrackDbContext db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else has already decided on this sign-up. Reload the page.");
        }
    }
}
