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

/// <summary>An admin renames a role in three languages or moves it in the lists; its key (what tasks store) stays.</summary>
public static class EditRole
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
        public int Order { get; init; }

        public static Command From(GetRole.Result r) => new()
        {
            Id = r.Id, Version = r.Version, NameEn = r.NameEn, NameJa = r.NameJa, NameZh = r.NameZh, Order = r.Order,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.NameEn).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
                .MaximumLength(CatalogueRole.NameMax).WithMessage(CatalogueText.NameTooLong200)
                .MustAsync(async (c, name, ct) =>
                {
                    var lower = (name ?? "").Trim().ToLower();
                    return !await db.CatalogueRoles.AnyAsync(r => r.Id != c.Id && (r.NameEn.ToLower() == lower || r.Key.ToLower() == lower), ct);
                }).WithMessage(CatalogueText.RoleNameTaken);
            RuleFor(c => c.NameJa).MaximumLength(CatalogueRole.NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.NameZh).MaximumLength(CatalogueRole.NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.Order).GreaterThanOrEqualTo(1).WithMessage(CatalogueText.OrderPositive);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var role = await db.CatalogueRoles.AsTracking().SingleOrDefaultAsync(r => r.Id == request.Id, ct)
                ?? throw new NotFoundException($"Role {request.Id}");
            Conflicts.ExpectVersion(db, role, role.Version, request.Version, r => r.Version, CatalogueText.RoleConflict);
            var changes = role.Edit(request.NameEn, request.NameJa, request.NameZh, request.Order);
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Role, role.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.RoleConflict, ct);
            return Unit.Value;
        }
    }
}
