using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Creates an engagement in Initiate with its kickoff checklist generated from the catalogue.</summary>
public static class CreateEngagement
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<int>, IEngagementFields
    {
        public int CustomerId { get; init; }
        public string ManagerId { get; init; } = "";
        public string? PartnerName { get; init; }
        public EngagementMotion Motion { get; init; }
        public List<string> Services { get; init; } = [];
        public DateOnly? AssignedOn { get; init; }
        public DateOnly? StartOn { get; init; }
        public DateOnly? TargetEnablementOn { get; init; }
        public DateOnly? TargetSuccessReviewOn { get; init; }
        /// <summary>The ids of the phases the engagement goes through; none: the default for its services (<see cref="PhasePlan"/>).</summary>
        public List<int> Phases { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.CustomerId).MustAsync(async (id, ct) => await db.Customers.AnyAsync(c => c.Id == id, ct)).WithMessage("Choose the customer.");
            EngagementRules.Apply(this, db);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            var customer = await db.Customers.AsTracking().Include(c => c.Seats).FirstOrDefaultAsync(c => c.Id == request.CustomerId, ct)
                ?? throw new NotFoundException("Customer");
            var playbook = await EngagementStore.PlaybookAsync(db, ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var partner = await EngagementStore.PartnerAsync(db, request.PartnerName, user, ct);
            var e = Engagement.Start(customer, request.ManagerId, partner, request.Motion, request.Services, EngagementRules.Dates(request), playbook, request.Phases);
            db.Engagements.Add(e);
            await db.SaveChangesAsync(ct);
            EngagementStore.Audit(db, user, clock, e, "EngagementCreated",
            [
                new FieldChange("Customer", null, customer.Name),
                new FieldChange("Motion", null, EngagementVocabulary.MotionName(e.Motion)),
                new FieldChange("Services", null, string.Join(", ", e.ServiceNames)),
                new FieldChange("Partner", null, partner?.Name),
                new FieldChange("Phase", null, e.CurrentPhase.NameEn),
                new FieldChange("Phases", null, PhasePlan.Path(e.PlannedPhases(playbook), System.Globalization.CultureInfo.InvariantCulture)),
                new FieldChange("Tasks", null, string.Join(", ", e.Tasks.Select(t => t.FtopId))),
            ]);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return e.Id;
        }
    }
}
