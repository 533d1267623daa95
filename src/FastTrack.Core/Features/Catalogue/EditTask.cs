using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>
/// An admin edits a task. The command carries the version the admin saw: if someone saved the task
/// since, nothing is written and the admin is told (their input stays in the form).
/// </summary>
public static class EditTask
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>, ITaskInput
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public int? SectionId { get; init; }
        public string NameEn { get; init; } = "";
        public string? NameJa { get; init; }
        public string? NameZh { get; init; }
        public bool Mandatory { get; init; }
        public string Role { get; init; } = "";
        public bool AllServices { get; init; }
        /// <summary>A list (not a read-only one) so that model binding can fill it from checkboxes.</summary>
        public List<string> Services { get; init; } = [];
        IReadOnlyList<string> ITaskInput.Services => Services;

        /// <summary>The form filled with the task as it is saved now.</summary>
        public static Command From(GetTask.Result t) => new()
        {
            Id = t.FtopId, Version = t.Version, SectionId = t.SectionId, NameEn = t.NameEn, NameJa = t.NameJa,
            NameZh = t.NameZh, Mandatory = t.Mandatory, Role = t.Role, AllServices = t.AllServices, Services = [.. t.Services],
        };
    }

    public sealed class Validator : TaskInputValidator<Command>
    {
        private readonly FastTrackDbContext _db;

        public Validator(FastTrackDbContext db) : base(db) => _db = db;

        protected override async Task<string?> CurrentRoleAsync(Command command, CancellationToken ct) =>
            await _db.CatalogueTasks.Where(t => t.FtopId == command.Id).Select(t => t.Role).SingleOrDefaultAsync(ct);
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var task = await db.CatalogueTasks.AsTracking()
                .Include(t => t.Services).Include(t => t.Section)
                .SingleOrDefaultAsync(t => t.FtopId == request.Id, ct)
                ?? throw new NotFoundException($"Task {request.Id}");
            Conflicts.ExpectVersion(db, task, task.Version, request.Version, t => t.Version, CatalogueText.TaskConflict);

            var section = await db.Sections.AsTracking().SingleAsync(s => s.Id == request.SectionId, ct);
            var services = request.AllServices ? [] : await ServiceVocabulary.LoadAsync(db, request.Services, ct);
            var changes = task.Edit(section, request.NameEn, request.NameJa, request.NameZh, request.Mandatory,
                request.Role, request.AllServices, services);
            if (changes.Count == 0) return Unit.Value;

            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.CatalogueTask,
                task.FtopId.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.TaskConflict, ct);
            return Unit.Value;
        }
    }
}
