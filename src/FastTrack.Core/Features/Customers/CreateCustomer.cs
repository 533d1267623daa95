using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Customers;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Customers;

public static class CreateCustomer
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<int>, ICustomerFields
    {
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
            RuleFor(c => c.TenantDomain).MustAsync(async (d, ct) => !await db.Customers.AnyAsync(x => x.TenantDomain == d.Trim().ToLower(), ct))
                .When(c => !string.IsNullOrWhiteSpace(c.TenantDomain)).WithMessage("A customer with this tenant domain already exists.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken ct)
        {
            var seats = CustomerRules.Seats(request).ToList();
            var customer = new Customer(request.Name, request.TenantDomain, request.Industry, request.AccountManaged,
                request.CsmName, request.CsmEmail, request.Notes, seats);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Customers.Add(customer);
            await db.SaveChangesAsync(ct);
            db.Audit(user, clock, "CustomerCreated", AuditEntities.Customer, customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new FieldChange("Name", null, customer.Name), new FieldChange("Tenant domain", null, customer.TenantDomain),
                 new FieldChange("Seats", null, Customer.SeatsText(seats))]);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return customer.Id;
        }
    }
}
