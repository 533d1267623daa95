using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>
/// The FM chooses which phases an engagement goes through (at kickoff, and again at any later gate), with the reason:
/// only the phases after the current one change, and Initiate, Assess and Success always apply. The checklist and the
/// gates follow the plan. The change is in the timeline with who and why; sending the plan the engagement has is a no-op.
/// </summary>
public static class ChangePhasePlan
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>
    {
        public int EngagementId { get; init; }
        public int Version { get; init; }
        /// <summary>The ids of every phase the engagement goes through (the form sends the fixed ones as hidden fields).</summary>
        public List<int> Phases { get; init; } = [];
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Phases).NotEmpty().WithMessage("Choose the phases the engagement goes through.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the plan changes (recorded in the timeline).")
                .MaximumLength(2000).WithMessage("The reason is at most 2,000 characters.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var playbook = await EngagementStore.PlaybookAsync(db, ct);
            // A repeat of the change (a second click, a resent form) finds the plan in place: nothing to do, not a conflict.
            if (e.HasPlan(request.Phases, playbook)) return Unit.Value;
            EngagementStore.Expect(db, e, request.Version);
            var changes = e.ChangePhasePlan(request.Phases, request.Reason, playbook);
            if (changes.Count == 0) return Unit.Value;
            EngagementStore.Audit(db, user, clock, e, "PhasePlanChanged", changes);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
