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

/// <summary>An admin edits an approach section (names, order, role, motions, the services it applies to, its summary).</summary>
public static class EditSection
{
    public const int NameMax = 300;

    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
        public int Order { get; init; }
        public string PrimaryRole { get; init; } = "";
        /// <summary>Empty: the section is run for every motion.</summary>
        public List<string> Motions { get; init; } = [];
        public bool AllServices { get; init; }
        /// <summary>Lists (not read-only ones) so that model binding can fill them from checkboxes.</summary>
        public List<string> AppliesTo { get; init; } = [];
        /// <summary>What the FM does in this section, shown folded on the engagement page; blank: none.</summary>
        public string? SummaryEn { get; init; }
        public string? SummaryJa { get; init; }
        public string? SummaryZh { get; init; }

        public static Command From(GetSection.Result s) => new()
        {
            Id = s.Id, Version = s.Version, NameEn = s.NameEn, NameJa = s.NameJa, NameZh = s.NameZh, Order = s.Order,
            PrimaryRole = s.PrimaryRole, Motions = [.. s.Motions], AllServices = s.AllServices, AppliesTo = [.. s.AppliesTo],
            SummaryEn = s.SummaryEn, SummaryJa = s.SummaryJa, SummaryZh = s.SummaryZh,
        };
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.NameEn).NotEmpty().WithMessage(CatalogueText.NameEnRequired)
                .MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong300)
                .MustAsync(async (c, name, ct) =>
                {
                    var processId = await db.Sections.Where(s => s.Id == c.Id).Select(s => (int?)s.ProcessId).SingleOrDefaultAsync(ct);
                    var trimmed = name.Trim();
                    return processId is null
                        || !await db.Sections.AnyAsync(s => s.ProcessId == processId && s.Id != c.Id && s.NameEn == trimmed, ct);
                }).WithMessage(CatalogueText.SectionNameTaken);
            RuleFor(c => c.NameJa).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong300);
            RuleFor(c => c.NameZh).MaximumLength(NameMax).WithMessage(CatalogueText.NameTooLong300);
            RuleFor(c => c.SummaryEn).MaximumLength(Section.SummaryMax).WithMessage(CatalogueText.SummaryTooLong)
                .NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.SummaryJa) || !string.IsNullOrWhiteSpace(c.SummaryZh))
                .WithMessage(CatalogueText.SummaryEnRequired);
            RuleFor(c => c.SummaryJa).MaximumLength(Section.SummaryMax).WithMessage(CatalogueText.SummaryTooLong);
            RuleFor(c => c.SummaryZh).MaximumLength(Section.SummaryMax).WithMessage(CatalogueText.SummaryTooLong);
            RuleFor(c => c.Order).GreaterThanOrEqualTo(1).WithMessage(CatalogueText.OrderPositive);
            RuleFor(c => c.PrimaryRole).MustAsync(async (c, role, ct) => await RoleVocabulary.UsableAsync(db, role,
                    await db.Sections.Where(s => s.Id == c.Id).Select(s => s.PrimaryRole).SingleOrDefaultAsync(ct), ct))
                .WithMessage(CatalogueText.RoleUnknown);
            RuleFor(c => c.Motions).Must(m => m.All(x => Domain.Catalogue.Motions.All.Contains(x)))
                .WithMessage(CatalogueText.MotionsUnknown);
            RuleFor(c => c.AppliesTo)
                .Must((c, services) => c.AllServices || services.Any(s => !string.IsNullOrWhiteSpace(s)))
                .WithMessage(CatalogueText.ServicesRequired)
                .MustAsync((services, ct) => ServiceVocabulary.AllKnownAsync(db, services, ct))
                .When(c => !c.AllServices, ApplyConditionTo.CurrentValidator).WithMessage(CatalogueText.ServicesUnknown);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var section = await db.Sections.AsTracking().SingleOrDefaultAsync(s => s.Id == request.Id, ct)
                ?? throw new NotFoundException($"Section {request.Id}");
            Conflicts.ExpectVersion(db, section, section.Version, request.Version, s => s.Version, CatalogueText.SectionConflict);
            var motions = ServiceVocabulary.Join(request.Motions, section.Motions);
            var appliesTo = request.AllServices ? ServiceNames.All : ServiceVocabulary.Join(request.AppliesTo, section.AppliesTo);
            var changes = section.Edit(request.NameEn, request.NameJa, request.NameZh, request.Order, request.PrimaryRole,
                motions, appliesTo).Concat(section.Summarize(request.SummaryEn, request.SummaryJa, request.SummaryZh)).ToList();
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Section, section.Id.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.SectionConflict, ct);
            return Unit.Value;
        }
    }
}
