using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Customers;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>
/// Sets the status of one checklist task (completing records who, when and a note; reopening is recorded). Changes that
/// arrive together are saved together by <see cref="Writer"/> (SetTaskStatus.Writer.cs, ADR 0013).
/// </summary>
public static partial class SetTaskStatus
{
    // Partners assigned to the engagement send it too; every field is part of that use case (nothing beyond it to mass-assign).
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public int TaskId { get; init; }
        public int Version { get; init; }
        /// <summary>Null when the form sent none (or one that is not a status): refused, never read as Not started.</summary>
        public EngagementTaskStatus? Status { get; init; }
        public string? Reason { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Status).NotNull().WithMessage("Choose a status.").IsInEnum().WithMessage("Choose a status.");
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Status is EngagementTaskStatus.NotApplicable or EngagementTaskStatus.Blocked)
                .WithMessage("Give the reason: it is required when a task is Not applicable or Blocked.");
            RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("The reason is at most 1,000 characters.");
            RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note is at most 2,000 characters.");
        }
    }

    internal sealed class Handler(Writer writer, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            await writer.SaveAsync(request, user);
            return Unit.Value;
        }
    }

    /// <summary>
    /// The change itself, on a context that may hold other callers' changes of the same batch: the read, the version
    /// check, the domain change and its audit row; saving is the caller's. Everything that can refuse the change
    /// (not found, a conflict, a domain rule) refuses before anything is changed.
    /// </summary>
    internal static async Task ApplyAsync(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Command request, CancellationToken ct) =>
        Apply(db, user, clock, await EngagementStore.LoadForTaskWorkAsync(db, request.EngagementId, request.TaskId, ct), request);

    /// <summary>As above, on the engagement already read with the task (<see cref="EngagementStore.LoadForTaskWorkAsync(FastTrackDbContext, int[], int[], CancellationToken)"/>).</summary>
    internal static void Apply(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Engagement e, Command request)
    {
        var task = e.Task(request.TaskId);
        // The tracked task: another change of this batch to the same task has already raised its version.
        if (task.Version != request.Version) throw new Domain.Common.ConcurrencyConflictException(Conflicts.Task);
        db.Entry(task).Property(t => t.Version).OriginalValue = request.Version;
        var changes = e.SetTaskStatus(task.Id, request.Status!.Value, request.Reason, request.Note, user.Name, clock.GetUtcNow());
        if (changes.Count == 0) return;
        EngagementStore.Audit(db, user, clock, e, "TaskStatusChanged", changes, $"{task.FtopId} {task.Task.NameEn}");
    }
}
