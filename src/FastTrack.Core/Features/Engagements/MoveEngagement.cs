using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>
/// Moves an engagement to the next step of the playbook (Initiate → Assess → Success, and within Success to
/// Conduct Success Review). The phase gate and the success review entry refuse it, unless the FM overrides
/// with a written reason. A refused move changes nothing.
/// </summary>
public static class MoveEngagement
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>
    {
        public int EngagementId { get; init; }
        public int Version { get; init; }
        public int TargetProcessId { get; init; }
        /// <summary>Given only to pass a refusing gate: why the FM moves anyway.</summary>
        public string? OverrideReason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.OverrideReason).MaximumLength(2000).WithMessage("The reason is at most 2,000 characters.");
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            if (e.CurrentProcessId == request.TargetProcessId) return Unit.Value;
            EngagementStore.Expect(db, e, request.Version);
            var playbook = await EngagementStore.PlaybookAsync(db, ct);
            var moved = e.MoveTo(request.TargetProcessId, playbook, request.OverrideReason, user.Name, clock.GetUtcNow());
            if (moved is null) return Unit.Value;
            if (moved.Override is { } o)
                EngagementStore.Audit(db, user, clock, e, "GateOverridden",
                    [new FieldChange("Open at the gate", null, o.Blockers), new FieldChange("Reason", null, o.Reason)], $"{o.From} → {o.To}");
            EngagementStore.Audit(db, user, clock, e, "PhaseMoved",
                [new FieldChange("Step", moved.From, moved.To), new FieldChange("Phase", null, e.CurrentPhase.NameEn)]);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
