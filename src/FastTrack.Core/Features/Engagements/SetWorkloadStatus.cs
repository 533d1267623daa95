using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>Sets FTOP's workload status code (L1/L2/L3) of one service; history kept.</summary>
public static class SetWorkloadStatus
{
    // Partners assigned to the engagement send it too; every field is part of that use case (nothing beyond it to mass-assign).
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public string Service { get; init; } = "";
        /// <summary>"L1|L2|L3" as the form's list offers it.</summary>
        public string Code { get; init; } = "";
        public DateOnly? TargetOn { get; init; }
        public string? Note { get; init; }

        public WorkloadStatusCode? Parsed()
        {
            var parts = Code.Split('|');
            return parts.Length == 3 ? WorkloadStatusCodes.Find(parts[0], parts[1], parts[2]) : null;
        }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Service).NotEmpty().WithMessage("Choose the service.");
            RuleFor(c => c.Code).Must((c, _) => c.Parsed() is not null).WithMessage("Choose a workload status from FTOP's list.");
            RuleFor(c => c.TargetOn).NotNull().When(c => c.Parsed()?.L1 == WorkloadStatusCodes.InProgress).WithMessage("In Progress needs a target date.");
            RuleFor(c => c.Note).NotEmpty().When(c => c.Parsed()?.L1 == WorkloadStatusCodes.Blocked).WithMessage("Blocked needs a note saying what blocks the workload.");
            RuleFor(c => c.TargetOn).Must(EngagementRules.NotTooLate).WithMessage("A planned date is at most three years from today.");
            RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note is at most 2,000 characters.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var code = request.Parsed()!;
            var before = e.Service(request.Service);
            var old = before.WorkloadL1 is null ? null : new WorkloadStatusCode(before.WorkloadL1, before.WorkloadL2 ?? "", before.WorkloadL3 ?? "").Text;
            var committed = before.CommittedTargetOn;
            var r = e.SetWorkloadStatus(request.Service, code.L1, code.L2, code.L3, request.TargetOn, request.Note, user.Name, clock.GetUtcNow());
            List<FieldChange> changes =
            [
                new FieldChange("Workload status", old, r.Text),
                new FieldChange("Target date", null, r.TargetOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new FieldChange("Note", null, r.Note),
            ];
            // The committed target moved with the status: its history is the timeline (ADR 0005).
            if (before.CommittedTargetOn != committed)
                changes.Add(new FieldChange("Committed target date", Iso(committed), Iso(before.CommittedTargetOn)));
            EngagementStore.Audit(db, user, clock, e, "WorkloadStatusSet", changes, r.Service);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }

        private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
