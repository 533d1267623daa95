using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Customers;

public static class EditCustomer
{
    /// <summary>The form filled with the customer as it is now (and the version the user sees).</summary>
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Query(int Id) : IRequest<Command>;

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>, ICustomerFields
    {
        public int Id { get; init; }
        public int Version { get; init; }
        public string Name { get; init; } = "";
        public string TenantDomain { get; init; } = "";
        public string? Industry { get; init; }
        public bool AccountManaged { get; init; }
        public string? CsmName { get; init; }
        public string? CsmEmail { get; init; }
        public string? Notes { get; init; }
        public List<SeatsInput> Seats { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            CustomerRules.Apply(this, db);
            RuleFor(c => c.TenantDomain).MustAsync(async (c, d, ct) => !await db.Customers.AnyAsync(x => x.Id != c.Id && x.TenantDomain == d.Trim().ToLower(), ct))
                .When(c => !string.IsNullOrWhiteSpace(c.TenantDomain)).WithMessage("A customer with this tenant domain already exists.");
        }
    }

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, Command>
    {
        public async Task<Command> Handle(Query request, CancellationToken ct)
        {
            var c = await db.Customers.Include(x => x.Seats).FirstOrDefaultAsync(x => x.Id == request.Id, ct) ?? throw new NotFoundException("Customer");
            var services = await db.Services.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
            return new Command
            {
                Id = c.Id, Version = c.Version, Name = c.Name, TenantDomain = c.TenantDomain, Industry = c.Industry,
                AccountManaged = c.AccountManaged, CsmName = c.CsmName, CsmEmail = c.CsmEmail, Notes = c.Notes,
                Seats = services.Select(s => new SeatsInput { Service = s, Seats = c.SeatsFor(s) }).ToList(),
            };
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var c = await db.Customers.AsTracking().Include(x => x.Seats).FirstOrDefaultAsync(x => x.Id == request.Id, ct)
                ?? throw new NotFoundException("Customer");
            if (c.Version != request.Version) throw new ConcurrencyConflictException(Conflicts.Customer);
            db.Entry(c).Property(x => x.Version).OriginalValue = request.Version;
            var seats = CustomerRules.Seats(request).ToList();
            // The customer's active engagements: their seats are checked (SeatsRule) and their checklists follow a CSM change.
            var engagements = await db.Engagements.AsTracking().AsSplitQuery()
                .Include(e => e.CurrentPhase)
                .Include(e => e.Services)
                .Include(e => e.Tasks).ThenInclude(t => t.Task)
                .Include(e => e.Steps)
                .Where(e => e.CustomerId == c.Id && e.State == EngagementState.Active).ToListAsync(ct);
            SeatsRule.EnsureCovered(seats, engagements);
            var hadCsm = c.HasCsm;
            var changes = c.Edit(request.Name, request.TenantDomain, request.Industry, request.AccountManaged, request.CsmName,
                request.CsmEmail, request.Notes, seats);
            if (changes.Count == 0) return Unit.Value;
            db.Audit(user, clock, "CustomerEdited", AuditEntities.Customer, c.Id.ToString(CultureInfo.InvariantCulture), changes);
            if (hadCsm != c.HasCsm && engagements.Count > 0)
            {
                var playbook = await EngagementStore.PlaybookAsync(db, ct);
                var why = c.HasCsm ? CsmHandshakeRule.CsmAssigned : CsmHandshakeRule.CsmRemoved;
                foreach (var e in engagements)
                {
                    var followed = e.FollowCsm(playbook, user.Name, clock.GetUtcNow());
                    if (followed.Count > 0) EngagementStore.Audit(db, user, clock, e, "CsmHandshakeFollowed", followed, why);
                }
            }
            await Conflicts.SaveAsync(db, Conflicts.Customer, ct);
            return Unit.Value;
        }
    }
}

internal static class Conflicts
{
    public const string Customer = "Someone else changed this customer after you opened it. Nothing was saved: reload the page to see their change, then try again.";
    public const string Engagement = "Someone else changed this engagement after you opened it. Nothing was saved: reload the page to see their change, then try again.";
    public const string Task = "Someone else changed this task after you opened it. Nothing was saved: reload the page to see their change, then try again.";

    public static async Task SaveAsync(FastTrackDbContext db, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(message);
        }
    }
}
