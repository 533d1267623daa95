using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Edits an engagement's people, motion, dates and scope. Adding a service adds its tasks; removing one is refused.</summary>
public static class EditEngagement
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Query(int Id) : IRequest<Command>;

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>, IEngagementFields
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string CustomerName { get; init; } = "";
        public string ManagerId { get; init; } = "";
        public string? PartnerName { get; init; }
        public EngagementMotion Motion { get; init; }
        public List<string> Services { get; init; } = [];
        public DateOnly? AssignedOn { get; init; }
        public DateOnly? StartOn { get; init; }
        public DateOnly? TargetEnablementOn { get; init; }
        public DateOnly? TargetSuccessReviewOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db) => EngagementRules.Apply(this, db);
    }

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, Command>
    {
        public async Task<Command> Handle(Query request, CancellationToken ct)
        {
            var e = await db.Engagements.Include(x => x.Customer).Include(x => x.PartnerOrganisation).Include(x => x.Services)
                .FirstOrDefaultAsync(x => x.Id == request.Id, ct) ?? throw new NotFoundException("Engagement");
            return new Command
            {
                Id = e.Id, Version = e.Version, CustomerName = e.Customer.Name, ManagerId = e.ManagerId, PartnerName = e.PartnerOrganisation?.Name,
                Motion = e.Motion, Services = e.ServiceNames.ToList(), AssignedOn = e.AssignedOn, StartOn = e.StartOn,
                TargetEnablementOn = e.TargetEnablementOn, TargetSuccessReviewOn = e.TargetSuccessReviewOn,
            };
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.Id, ct);
            EngagementStore.Expect(db, e, request.Version);
            var playbook = await EngagementStore.PlaybookAsync(db, ct);
            var partner = await EngagementStore.PartnerAsync(db, request.PartnerName, user, ct);
            var changes = e.Edit(request.ManagerId, partner, request.Motion, request.Services, EngagementRules.Dates(request), playbook);
            if (changes.Count == 0) return Unit.Value;
            if (changes.Any(c => c.Field == "Partner"))
            {
                // Staff of the previous organisation lose the engagement with it.
                var stale = await db.EngagementPartnerAssignments.AsTracking().Where(a => a.EngagementId == e.Id).ToListAsync(ct);
                db.EngagementPartnerAssignments.RemoveRange(stale);
                if (stale.Count > 0) changes = [.. changes, new FieldChange("Partner staff", stale.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "0")];
            }
            EngagementStore.Audit(db, user, clock, e, "EngagementEdited", changes);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
