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

/// <summary>An admin adds a phase; it comes before the last phase (Success), never after it, and can be moved from there.</summary>
public static class AddPhase
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<int>
    {
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.NameEn).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
                .MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200)
                .MustAsync(async (name, ct) =>
                {
                    var lower = (name ?? "").Trim().ToLower();
                    return !await db.Phases.AnyAsync(p => p.NameEn.ToLower() == lower, ct);
                }).WithMessage(CatalogueText.PhaseNameTaken);
            RuleFor(c => c.NameJa).MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.NameZh).MaximumLength(Phase.NameMax).WithMessage(CatalogueText.NameTooLong200);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var phases = await db.Phases.AsTracking().OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(ct);
            var phase = new Phase(request.NameEn, phases.Count + 1, request.NameJa, request.NameZh);
            db.Phases.Add(phase);
            phases.Insert(PhasePlacement.IndexFor(phase.NameEn, phases), phase);
            var moved = Phase.Renumber(phases);
            await db.SaveChangesAsync(ct);
            db.Audit(user, clock, CatalogueActions.Created, AuditEntities.Phase, phase.Id.ToString(CultureInfo.InvariantCulture),
                new FieldChange[] { new("Name (English)", null, phase.NameEn), new("Name (Japanese)", null, phase.NameJa),
                    new("Name (Chinese)", null, phase.NameZh), new("Order", null, phase.Order.ToString(CultureInfo.InvariantCulture)) }
                    .Where(c => c.After is not null));
            foreach (var (other, changes) in moved.Where(m => !ReferenceEquals(m.Phase, phase)))
                db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Phase, other.Id.ToString(CultureInfo.InvariantCulture), changes,
                    $"Phase {phase.NameEn} added before it");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return phase.Id;
        }
    }
}
