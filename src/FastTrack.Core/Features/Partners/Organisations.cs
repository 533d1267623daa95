using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Partners;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Partners;

/// <summary>The partner organisations with how many users and engagements each has, for the admin's list.</summary>
public static class ListOrganisations
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Name, int Users, int Engagements);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct) =>
            await db.PartnerOrganisations.OrderBy(p => p.Name)
                .Select(p => new Row(p.Id, p.Name, db.Users.Count(u => u.PartnerOrganisationId == p.Id),
                    db.Engagements.Count(e => e.PartnerOrganisationId == p.Id)))
                .ToListAsync(ct);
    }
}

/// <summary>One organisation and its users, for the admin.</summary>
public static class GetOrganisation
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Id) : IRequest<View>;

    public sealed record Member(string Id, string DisplayName, string Email, bool IsDisabled);

    /// <param name="Referrals">Customers referred to this organisation (task 983 QuickLeads), the latest first.</param>
    public sealed record View(int Id, string Name, int Version, IReadOnlyList<Member> Users, IReadOnlyList<Engagements.Referrals.Row> Referrals);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, View>
    {
        public async Task<View> Handle(Query request, CancellationToken ct)
        {
            var org = await db.PartnerOrganisations.FirstOrDefaultAsync(p => p.Id == request.Id, ct) ?? throw new NotFoundException("Partner organisation");
            var users = await db.Users.Where(u => u.PartnerOrganisationId == org.Id).OrderBy(u => u.DisplayName)
                .Select(u => new Member(u.Id, u.DisplayName, u.Email ?? "", u.IsDisabled)).ToListAsync(ct);
            var referrals = await Engagements.Referrals.ToOrganisation(db, org.Id).ToListAsync(ct);
            return new View(org.Id, org.Name, org.Version, users, referrals);
        }
    }
}

/// <summary>An admin adds a partner organisation.</summary>
public static class CreateOrganisation
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<int>
    {
        public string Name { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the organisation's name.")
                .MaximumLength(200).WithMessage("The name is at most 200 characters.")
                .MustAsync(async (name, ct) => !await OrganisationNames.TakenAsync(db, name, null, ct))
                .WithMessage("A partner organisation of that name exists already.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var org = db.PartnerOrganisations.Add(new PartnerOrganisation(request.Name)).Entity;
            await db.SaveChangesAsync(ct);
            db.Audit(user, clock, "OrganisationCreated", AuditEntities.PartnerOrganisation, org.Id.ToString(CultureInfo.InvariantCulture),
                [new FieldChange("Name", null, org.Name)]);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return org.Id;
        }
    }
}

/// <summary>An admin renames a partner organisation.</summary>
public static class RenameOrganisation
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : IRequest<Unit>
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        /// <summary>The version the admin saw: a rename in between is a conflict, not overwritten.</summary>
        public int Version { get; init; }
    }

    public const string Conflict = "Someone else changed this partner organisation after you opened it. Nothing was saved: reload the page to see their change, then try again.";

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the organisation's name.")
                .MaximumLength(200).WithMessage("The name is at most 200 characters.")
                .MustAsync(async (c, name, ct) => !await OrganisationNames.TakenAsync(db, name, c.Id, ct))
                .WithMessage("A partner organisation of that name exists already.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var org = await db.PartnerOrganisations.AsTracking().FirstOrDefaultAsync(p => p.Id == request.Id, ct)
                ?? throw new NotFoundException("Partner organisation");
            FastTrack.Features.Catalogue.Conflicts.ExpectVersion(db, org, org.Version, request.Version, p => p.Version, Conflict);
            if (org.Rename(request.Name) is not { } change) return Unit.Value;
            db.Audit(user, clock, "OrganisationRenamed", AuditEntities.PartnerOrganisation, org.Id.ToString(CultureInfo.InvariantCulture), [change]);
            await FastTrack.Features.Catalogue.Conflicts.SaveAsync(db, Conflict, ct);
            return Unit.Value;
        }
    }
}

internal static class OrganisationNames
{
    public static async Task<bool> TakenAsync(FastTrackDbContext db, string name, int? except, CancellationToken ct)
    {
        var lower = name.Trim().ToLower();
        return await db.PartnerOrganisations.AnyAsync(p => p.Name.ToLower() == lower && p.Id != except, ct);
    }
}
