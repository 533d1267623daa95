using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Partners;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// An FM names the partner staff who work on an engagement: only users of the engagement's partner organisation.
/// The organisation itself is chosen on the engagement's edit form; changing it there removes the assignments.
/// </summary>
public static class AssignPartnerStaff
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Query(int EngagementId) : IRequest<Form>;

    public sealed record Candidate(string Id, string DisplayName, string Email, bool Assigned);

    /// <param name="Version">The engagement's <see cref="Domain.Engagements.Engagement.PartnerStaffVersion"/>, sent back with the form.</param>
    public sealed record Form(int EngagementId, int? PartnerOrganisationId, string? PartnerOrganisation, IReadOnlyList<Candidate> Candidates, int Version);

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public List<string> UserIds { get; init; } = [];
        /// <summary>The partner staff version the FM saw: another FM's save in between is a conflict, not overwritten.</summary>
        public int Version { get; init; }
    }

    public const string Conflict = "Someone else changed this engagement's partner staff after you opened the page. Nothing was saved: reload the page to see their change, then try again.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c).CustomAsync(async (c, ctx, ct) =>
            {
                var org = await db.Engagements.Where(e => e.Id == c.EngagementId).Select(e => new { e.PartnerOrganisationId }).FirstOrDefaultAsync(ct);
                if (org is null) return;
                var ids = c.UserIds.Distinct().ToList();
                if (ids.Count == 0) return;
                if (org.PartnerOrganisationId is null)
                {
                    ctx.AddFailure(nameof(Command.UserIds), "Choose the engagement's partner organisation first (Edit).");
                    return;
                }
                var members = await db.Users.CountAsync(u => ids.Contains(u.Id) && u.PartnerOrganisationId == org.PartnerOrganisationId && !u.IsDisabled, ct);
                if (members != ids.Count)
                    ctx.AddFailure(nameof(Command.UserIds), "Choose partner staff of the engagement's partner organisation.");
            });
        }
    }

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, Form>
    {
        public async Task<Form> Handle(Query request, CancellationToken ct)
        {
            var e = await db.Engagements.Where(x => x.Id == request.EngagementId)
                .Select(x => new { x.Id, x.PartnerOrganisationId, Name = x.PartnerOrganisation == null ? null : x.PartnerOrganisation.Name, x.PartnerStaffVersion })
                .FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Engagement");
            var assigned = await db.EngagementPartnerAssignments.Where(a => a.EngagementId == e.Id).Select(a => a.UserId).ToListAsync(ct);
            var candidates = e.PartnerOrganisationId is null ? [] : await db.Users
                .Where(u => u.PartnerOrganisationId == e.PartnerOrganisationId && (!u.IsDisabled || assigned.Contains(u.Id)))
                .OrderBy(u => u.DisplayName)
                .Select(u => new Candidate(u.Id, u.DisplayName, u.Email ?? "", assigned.Contains(u.Id))).ToListAsync(ct);
            return new Form(e.Id, e.PartnerOrganisationId, e.Name, candidates, e.PartnerStaffVersion);
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await db.Engagements.AsTracking().FirstOrDefaultAsync(x => x.Id == request.EngagementId, ct) ?? throw new NotFoundException("Engagement");
            FastTrack.Features.Catalogue.Conflicts.ExpectVersion(db, e, e.PartnerStaffVersion, request.Version, x => x.PartnerStaffVersion, Conflict);
            var current = await db.EngagementPartnerAssignments.AsTracking().Where(a => a.EngagementId == e.Id).ToListAsync(ct);
            var wanted = request.UserIds.Distinct().ToList();
            var names = await db.Users.Where(u => wanted.Contains(u.Id) || current.Select(a => a.UserId).Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.DisplayName, ct);
            string List(IEnumerable<string> ids) => string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id)).Order());
            var before = List(current.Select(a => a.UserId));
            var after = List(wanted);
            if (before == after) return Unit.Value;
            db.EngagementPartnerAssignments.RemoveRange(current.Where(a => !wanted.Contains(a.UserId)));
            foreach (var id in wanted.Where(id => current.All(a => a.UserId != id)))
                db.EngagementPartnerAssignments.Add(new EngagementPartnerAssignment(e.Id, id, user.Name, clock.GetUtcNow()));
            e.PartnerStaffChanged();
            EngagementStore.Audit(db, user, clock, e, "PartnerStaffAssigned", [new FieldChange("Partner staff", before, after)]);
            await EngagementStore.SaveAsync(db, ct, Conflict);
            return Unit.Value;
        }
    }
}
