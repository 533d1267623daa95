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

/// <summary>An admin brings a retired task back: new checklists use it again.</summary>
public static class RestoreTask
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(int Id, int Version) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).GreaterThan(0).WithMessage(CatalogueText.FtopIdPositive);
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var task = await db.CatalogueTasks.AsTracking().SingleOrDefaultAsync(t => t.FtopId == request.Id, ct)
                ?? throw new NotFoundException($"Task {request.Id}");
            Conflicts.ExpectVersion(db, task, task.Version, request.Version, t => t.Version, CatalogueText.TaskStateConflict);
            var changes = task.Restore();
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, CatalogueActions.Restored, AuditEntities.CatalogueTask,
                task.FtopId.ToString(CultureInfo.InvariantCulture), changes);
            await Conflicts.SaveAsync(db, CatalogueText.TaskStateConflict, ct);
            return Unit.Value;
        }
    }
}
