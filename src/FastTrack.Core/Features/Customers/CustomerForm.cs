using FastTrack.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Customers;

/// <summary>Licensed seats typed for one service on the customer form; empty means the service is not licensed.</summary>
public sealed record SeatsInput
{
    public string Service { get; init; } = "";
    public int? Seats { get; init; }
}

/// <summary>The fields the create and edit forms share, and their rules.</summary>
public interface ICustomerFields
{
    string Name { get; }
    string TenantDomain { get; }
    string? Industry { get; }
    bool AccountManaged { get; }
    string? CsmName { get; }
    string? CsmEmail { get; }
    string? Notes { get; }
    List<SeatsInput> Seats { get; }
}

internal static class CustomerRules
{
    public const int MaxSeats = 10_000_000;

    public static void Apply<T>(AbstractValidator<T> v, FastTrackDbContext db) where T : ICustomerFields
    {
        v.RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(200).WithMessage("The name is at most 200 characters.");
        v.RuleFor(c => c.TenantDomain).NotEmpty().WithMessage("Enter the tenant domain, e.g. contoso.onmicrosoft.com.")
            .MaximumLength(253).WithMessage("The tenant domain is at most 253 characters.")
            .Matches(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$").WithMessage("The tenant domain is a domain name, e.g. contoso.onmicrosoft.com.");
        v.RuleFor(c => c.Industry).MaximumLength(100).WithMessage("The industry is at most 100 characters.");
        v.RuleFor(c => c.CsmName).MaximumLength(200).WithMessage("The CSM name is at most 200 characters.");
        v.RuleFor(c => c.CsmEmail).EmailAddress().WithMessage("Enter a valid e-mail address for the CSM.").MaximumLength(256).WithMessage("The e-mail is at most 256 characters.");
        v.RuleFor(c => c.CsmName).NotEmpty().When(c => !string.IsNullOrWhiteSpace(c.CsmEmail)).WithMessage("Enter the CSM's name with the e-mail.");
        v.RuleFor(c => c.Notes).MaximumLength(4000).WithMessage("Notes are at most 4,000 characters.");
        v.RuleForEach(c => c.Seats).ChildRules(s => s.RuleFor(x => x.Seats)
            .InclusiveBetween(0, MaxSeats).WithMessage("Seats are a whole number from 0 to 10,000,000."));
        v.RuleFor(c => c.Seats).MustAsync(async (seats, ct) =>
        {
            var names = seats.Where(s => s.Seats is not null).Select(s => s.Service).ToList();
            var known = await db.Services.CountAsync(s => names.Contains(s.Name), ct);
            return known == names.Distinct().Count() && names.Count == names.Distinct().Count();
        }).WithMessage("Seats are for the catalogue's services, each once.");
    }

    public static IEnumerable<(string Service, int Seats)> Seats(ICustomerFields c) =>
        c.Seats.Where(s => s.Seats is not null).Select(s => (s.Service.Trim(), s.Seats!.Value));
}
