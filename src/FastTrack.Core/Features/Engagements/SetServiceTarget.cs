using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Customers;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>
/// The FM commits one service to a target date for its 10 % AU goal, with the reason. The forecast is held against it
/// ("forecast slipped"); every change of a target date is in the engagement's timeline with who, when and why.
/// </summary>
public static class SetServiceTarget
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public string Service { get; init; } = "";
        /// <summary>The service's version the form showed: a target set by someone else since is a conflict.</summary>
        public int Version { get; init; }
        public DateOnly? TargetOn { get; init; }
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Service).NotEmpty().WithMessage("Choose the service.");
            RuleFor(c => c.TargetOn).NotNull().WithMessage("Enter the target date.")
                .Must(EngagementRules.NotTooLate).WithMessage("A planned date is at most three years from today.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the target date is set or changed.")
                .MaximumLength(500).WithMessage("The reason is at most 500 characters.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var service = e.Service(request.Service);
            if (service.Version != request.Version) throw new ConcurrencyConflictException(Conflicts.Engagement);
            db.Entry(service).Property(s => s.Version).OriginalValue = request.Version;
            var changes = e.SetServiceTarget(request.Service, request.TargetOn!.Value, request.Reason, EngagementStore.Today(clock));
            if (changes.Count == 0) return Unit.Value;
            EngagementStore.Audit(db, user, clock, e, "ServiceTargetSet", changes, service.Service);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
