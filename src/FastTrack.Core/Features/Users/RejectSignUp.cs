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

/// <summary>An admin rejects a person waiting after their first single sign-on: their next sign-in is refused with a message.</summary>
public static class RejectSignUp
{
    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Command(int Id, int Version) : IRequest<Unit>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser current, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var signUp = await db.SsoSignUps.AsTracking().FirstOrDefaultAsync(s => s.Id == request.Id, ct) ?? throw new NotFoundException("Sign-up");
            if (signUp.Version != request.Version || signUp.Status != SsoSignUpStatus.Pending)
                throw new ConcurrencyConflictException("Someone else has already decided on this sign-up. Reload the page.");
            signUp.Reject(current.Name, clock.GetUtcNow());
            db.Audit(current, clock, "SsoSignUpRejected", AuditEntities.SsoSignUp, signUp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new FieldChange("E-mail", null, signUp.Email)], signUp.Email);
            await ApproveSignUp.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
