using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// Task 983 QuickLeads: the engagement's FM, or its assigned partner staff, record that the customer was referred to a
/// partner organisation: to which one, when, and who referred them (docs/engagements.md, QuickLeads referrals). The
/// referral completes task 983 on the checklist when it is open, shows on the customer's and the organisation's pages,
/// and is a timeline entry.
/// </summary>
public static class RecordReferral
{
    public const int QuickLeadsTask = 983;

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Query(int EngagementId) : IRequest<Form>, IEngagementRequest;

    public sealed record Choice(int Id, string Name);

    public sealed record Form(int EngagementId, string Customer, bool Active, IReadOnlyList<Choice> Organisations, IReadOnlyList<Referrals.Row> Referrals);

    // Partners assigned to the engagement send it too: a partner sees (and so may name) only their own organisation.
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public int? PartnerOrganisationId { get; init; }
        public DateOnly? ReferredOn { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.PartnerOrganisationId).NotNull().WithMessage("Choose the partner organisation the customer was referred to.")
                .MustAsync(async (id, ct) => await db.PartnerOrganisations.AnyAsync(p => p.Id == id, ct))
                .WithMessage("Choose the partner organisation the customer was referred to.");
            RuleFor(c => c.ReferredOn).NotNull().WithMessage("Enter the day of the referral.")
                .Must(d => d <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage("A referral cannot be dated in the future.")
                .Must(d => d >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-5)).WithMessage("A referral is dated within the last five years.");
            RuleFor(c => c.Note).MaximumLength(Referral.NoteLength).WithMessage("The note is at most 500 characters.");
        }
    }

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, Form>
    {
        public async Task<Form> Handle(Query request, CancellationToken ct)
        {
            var e = await db.Engagements.Where(x => x.Id == request.EngagementId)
                .Select(x => new { x.Id, Customer = x.Customer.Name, x.State }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Engagement");
            var organisations = await db.PartnerOrganisations.OrderBy(p => p.Name).Select(p => new Choice(p.Id, p.Name)).ToListAsync(ct);
            var referrals = await Referrals.OfEngagement(db, e.Id).ToListAsync(ct);
            return new Form(e.Id, e.Customer, e.State == EngagementState.Active, organisations, referrals);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var organisation = await db.PartnerOrganisations.AsTracking().FirstAsync(p => p.Id == request.PartnerOrganisationId, ct);
            var taskId = await db.EngagementTasks.Where(t => t.EngagementId == request.EngagementId && t.FtopId == QuickLeadsTask
                    && t.Status != EngagementTaskStatus.Completed && t.Status != EngagementTaskStatus.NotApplicable)
                .OrderByDescending(t => t.Cycle).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
            var e = taskId is int id
                ? await EngagementStore.LoadForTaskWorkAsync(db, request.EngagementId, id, ct)
                : await db.Engagements.AsTracking().FirstOrDefaultAsync(x => x.Id == request.EngagementId, ct) ?? throw new NotFoundException("Engagement");
            if (e.State != EngagementState.Active) throw new DomainException("This engagement is closed: referrals are recorded while it runs.");
            var now = clock.GetUtcNow();
            var referral = new Referral(e.Id, e.CustomerId, organisation, request.ReferredOn!.Value, request.Note, user.Id!, user.Name, now);
            db.Referrals.Add(referral);
            var what = string.Create(CultureInfo.InvariantCulture, $"{organisation.Name}, {referral.ReferredOn:yyyy-MM-dd}");
            var changes = new List<FieldChange> { new("Referral", null, what) };
            if (taskId is int open)
                changes.AddRange(e.SetTaskStatus(open, EngagementTaskStatus.Completed, null, "QuickLeads: " + what, user.Name, now)
                    .Where(c => c.Field == "Status").Select(c => c with { Field = $"{QuickLeadsTask} QuickLeads" }));
            EngagementStore.Audit(db, user, clock, e, "ReferralRecorded", changes, referral.Note);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}

/// <summary>Referrals as the pages list them: the engagement's, a customer's or an organisation's, the latest first.</summary>
public static class Referrals
{
    public sealed record Row(int Id, int EngagementId, int CustomerId, string Customer, int PartnerOrganisationId, string PartnerOrganisation,
        DateOnly ReferredOn, string ReferredBy, string? Note);

    private static IQueryable<Row> Rows(FastTrackDbContext db, IQueryable<Referral> referrals) =>
        from r in referrals
        join c in db.Customers on r.CustomerId equals c.Id
        orderby r.ReferredOn descending, r.Id descending
        select new Row(r.Id, r.EngagementId, r.CustomerId, c.Name, r.PartnerOrganisationId, r.PartnerOrganisation.Name, r.ReferredOn, r.ReferredByName, r.Note);

    public static IQueryable<Row> OfEngagement(FastTrackDbContext db, int engagementId) => Rows(db, db.Referrals.Where(r => r.EngagementId == engagementId));

    public static IQueryable<Row> OfCustomer(FastTrackDbContext db, int customerId) => Rows(db, db.Referrals.Where(r => r.CustomerId == customerId));

    public static IQueryable<Row> ToOrganisation(FastTrackDbContext db, int organisationId) => Rows(db, db.Referrals.Where(r => r.PartnerOrganisationId == organisationId));
}
