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

/// <summary>An admin renames or reorders a process of a phase.</summary>
public static class EditProcess
{
    public const int NameMax = 200;

    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
        public int Order { get; init; }

        public static Command From(GetProcess.Result p) => new()
        {
            Id = p.Id, Version = p.Version, NameEn = p.NameEn, NameJa = p.NameJa, NameZh = p.NameZh, Order = p.Order,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.NameEn).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
                .MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong200)
                .MustAsync(async (c, name, ct) =>
                {
                    var phaseId = await db.Processes.Where(p => p.Id == c.Id).Select(p => (int?)p.PhaseId).SingleOrDefaultAsync(ct);
                    var trimmed = name.Trim();
                    return phaseId is null
                        || !await db.Processes.AnyAsync(p => p.PhaseId == phaseId && p.Id != c.Id && p.NameEn == trimmed, ct);
                }).WithMessage(CatalogueText.ProcessNameTaken);
            RuleFor(c => c.NameJa).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.NameZh).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.Order).GreaterThanOrEqualTo(1).WithMessage(CatalogueText.OrderPositive);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var process = await db.Processes.AsTracking().SingleOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException($"Process {request.Id}");
            Conflicts.ExpectVersion(db, process, process.Version, request.Version, p => p.Version, CatalogueText.ProcessConflict);
            var changes = process.Edit(request.NameEn, request.NameJa, request.NameZh, request.Order);
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Process, process.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.ProcessConflict, ct);
            return Unit.Value;
        }
    }
}
