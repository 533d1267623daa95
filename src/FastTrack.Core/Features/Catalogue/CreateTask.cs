using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>An admin adds an FTOP task to the catalogue; its history starts with a "Created" row.</summary>
public static class CreateTask
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<int>, ITaskInput
    {
        public int? FtopId { get; init; }
        public int? SectionId { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
        public bool Mandatory { get; init; }
        public string Role { get; init; } = "FastTrack Manager";
        public bool AllServices { get; init; }
        /// <summary>A list (not a read-only one) so that model binding can fill it from checkboxes.</summary>
        public List<string> Services { get; init; } = [];
        IReadOnlyList<string> ITaskInput.Services => Services;
    }

    public sealed class Validator : TaskInputValidator<Command>
    {
        public Validator(FastTrackDbContext db) : base(db)
        {
            RuleFor(c => c.FtopId).NotNull().WithMessage(CatalogueText.FtopIdPositive)
                .GreaterThan(0).WithMessage(CatalogueText.FtopIdPositive)
                .MustAsync(async (id, ct) => !await db.CatalogueTasks.AnyAsync(t => t.FtopId == id, ct))
                .When(c => c.FtopId > 0, ApplyConditionTo.CurrentValidator).WithMessage(CatalogueText.FtopIdTaken);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            var section = await db.Sections.AsTracking().SingleAsync(s => s.Id == request.SectionId, ct);
            var services = request.AllServices ? [] : await ServiceVocabulary.LoadAsync(db, request.Services, ct);
            var task = new CatalogueTask(request.FtopId!.Value, section, request.NameEn, request.NameJa, request.NameZh,
                request.Mandatory, request.Role, request.AllServices, services);
            db.CatalogueTasks.Add(task);
            db.Audit(user, clock, CatalogueActions.Created, AuditEntities.CatalogueTask,
                task.FtopId.ToString(CultureInfo.InvariantCulture), new FieldChange[]
            {
                new FieldChange("Section", null, section.NameEn),
                new FieldChange("Name (English)", null, task.NameEn),
                new FieldChange("Name (Japanese)", null, task.NameJa),
                new FieldChange("Name (Chinese)", null, task.NameZh),
                new FieldChange("Required", null, task.Mandatory ? "M" : "O"),
                new FieldChange("Role", null, task.Role),
                new FieldChange("Services", null, task.ServicesText),
            }.Where(c => c.After is not null));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another admin saved the same id between validation and now: say so next to the field.
                db.ChangeTracker.Clear();
                if (await db.CatalogueTasks.AnyAsync(t => t.FtopId == task.FtopId, ct))
                    throw new ValidationException([new ValidationFailure(nameof(Command.FtopId), CatalogueText.FtopIdTaken)]);
                throw;
            }
            return task.FtopId;
        }
    }
}
