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

/// <summary>An admin moves a phase one place earlier or later in the lifecycle; the phases are numbered 1..n again.</summary>
public static class MovePhase
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(int Id, int Version, bool Earlier) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).GreaterThan(0);
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var phases = await db.Phases.AsTracking().OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(ct);
            var phase = phases.SingleOrDefault(p => p.Id == request.Id) ?? throw new NotFoundException($"Phase {request.Id}");
            Conflicts.ExpectVersion(db, phase, phase.Version, request.Version, p => p.Version, CatalogueText.PhaseStateConflict);
            var i = phases.IndexOf(phase);
            var j = request.Earlier ? i - 1 : i + 1;
            if (j < 0 || j >= phases.Count) return Unit.Value;
            (phases[i], phases[j]) = (phases[j], phases[i]);
            foreach (var (moved, changes) in Phase.Renumber(phases))
                db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Phase, moved.Id.ToString(CultureInfo.InvariantCulture), changes,
                    ReferenceEquals(moved, phase) ? null : $"Phase {phase.NameEn} moved");
            await Conflicts.SaveAsync(db, CatalogueText.PhaseStateConflict, ct);
            return Unit.Value;
        }
    }
}
