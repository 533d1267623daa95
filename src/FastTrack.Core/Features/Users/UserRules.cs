using System.Linq.Expressions;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Users;

/// <summary>A Partner belongs to exactly one organisation and holds no other role; nobody else belongs to one.</summary>
internal static class UserRules
{
    public static void Apply<T>(AbstractValidator<T> v, FastTrackDbContext db, Func<T, List<string>> roles, Expression<Func<T, int?>> organisation)
    {
        var organisationOf = organisation.Compile();
        v.RuleFor(organisation).NotNull().When(c => roles(c).Contains(Roles.Partner))
            .WithMessage("Choose the partner organisation this person works for.");
        v.RuleFor(organisation).MustAsync(async (id, ct) => await db.PartnerOrganisations.AnyAsync(p => p.Id == id, ct))
            .When(c => roles(c).Contains(Roles.Partner) && organisationOf(c) is not null)
            .WithMessage("Choose the partner organisation this person works for.");
        v.RuleFor(c => roles(c)).Must(r => !r.Contains(Roles.Partner) || r.Distinct().Count() == 1)
            .OverridePropertyName("Roles").WithMessage("A partner's staff member holds the Partner role only.");
    }

    public static async Task<string?> OrganisationNameAsync(FastTrackDbContext db, int? id, CancellationToken ct) =>
        id is null ? null : await db.PartnerOrganisations.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct);
}
