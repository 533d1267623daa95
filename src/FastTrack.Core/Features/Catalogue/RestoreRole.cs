using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>An admin restores a retired role: forms and imports offer it again.</summary>
public static class RestoreRole
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(int Id, int Version) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).GreaterThan(0);
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var role = await db.CatalogueRoles.AsTracking().SingleOrDefaultAsync(r => r.Id == request.Id, ct)
                ?? throw new NotFoundException($"Role {request.Id}");
            Conflicts.ExpectVersion(db, role, role.Version, request.Version, r => r.Version, CatalogueText.RoleStateConflict);
            var changes = role.Restore();
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Restored, AuditEntities.Role, role.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.RoleStateConflict, ct);
            return Unit.Value;
        }
    }
}
