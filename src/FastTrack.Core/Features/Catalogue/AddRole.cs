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

/// <summary>An admin adds a role to the vocabulary; it comes last and its English name is its key.</summary>
public static class AddRole
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<int>
    {
        /// <summary>The role as tasks and catalogue files name it (FastTrack Engineer); also its English name.</summary>
        public string Key { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.Key).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(CatalogueText.RoleKeyRequired)
                .MaximumLength(CatalogueRole.KeyMax).WithMessage(CatalogueText.RoleKeyTooLong)
                .MustAsync(async (key, ct) =>
                {
                    var lower = (key ?? "").Trim().ToLower();
                    return !await db.CatalogueRoles.AnyAsync(r => r.Key.ToLower() == lower || r.NameEn.ToLower() == lower, ct);
                }).WithMessage(CatalogueText.RoleKeyTaken);
            RuleFor(c => c.NameJa).MaximumLength(CatalogueRole.NameMax).WithMessage(CatalogueText.NameTooLong200);
            RuleFor(c => c.NameZh).MaximumLength(CatalogueRole.NameMax).WithMessage(CatalogueText.NameTooLong200);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var order = (await db.CatalogueRoles.MaxAsync(r => (int?)r.Order, ct) ?? 0) + 1;
            var role = new CatalogueRole(request.Key, order, request.NameJa, request.NameZh);
            db.CatalogueRoles.Add(role);
            await db.SaveChangesAsync(ct);
            db.Audit(user, clock, CatalogueActions.Created, AuditEntities.Role, role.Id.ToString(CultureInfo.InvariantCulture),
                new FieldChange[] { new("Role", null, role.Key), new("Name (Japanese)", null, role.NameJa), new("Name (Chinese)", null, role.NameZh) }
                    .Where(c => c.After is not null));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return role.Id;
        }
    }
}
