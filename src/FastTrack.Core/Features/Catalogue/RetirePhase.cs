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

/// <summary>An admin retires a phase: engagements that reached it keep it and finish it; no engagement steps into it any more.</summary>
public static class RetirePhase
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
            var phase = await db.Phases.AsTracking().SingleOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException($"Phase {request.Id}");
            Conflicts.ExpectVersion(db, phase, phase.Version, request.Version, p => p.Version, CatalogueText.PhaseStateConflict);
            var changes = phase.Retire();
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Retired, AuditEntities.Phase, phase.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.PhaseStateConflict, ct);
            return Unit.Value;
        }
    }
}
