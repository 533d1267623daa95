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

/// <summary>An admin renames a phase in three languages (its place is changed with <see cref="MovePhase"/>).</summary>
public static class EditPhase
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }

        public static Command From(GetPhase.Result p) => new() { Id = p.Id, Version = p.Version, NameEn = p.NameEn, NameJa = p.NameJa, NameZh = p.NameZh };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.NameEn).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
                .MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200)
                .MustAsync(async (c, name, ct) =>
                {
                    var lower = (name ?? "").Trim().ToLower();
                    return !await db.Phases.AnyAsync(p => p.Id != c.Id && p.NameEn.ToLower() == lower, ct);
                }).WithMessage(CatalogueText.PhaseNameTaken);
            RuleFor(c => c.NameJa).MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.NameZh).MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var phase = await db.Phases.AsTracking().SingleOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException($"Phase {request.Id}");
            Conflicts.ExpectVersion(db, phase, phase.Version, request.Version, p => p.Version, CatalogueText.PhaseConflict);
            var changes = phase.Rename(request.NameEn, request.NameJa, request.NameZh);
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Phase, phase.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.PhaseConflict, ct);
            return Unit.Value;
        }
    }
}
