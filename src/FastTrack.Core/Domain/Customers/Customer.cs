using FastTrack.Domain.Common;

namespace FastTrack.Domain.Customers;

/// <summary>The organisation being onboarded (one tenant), with its licensed seats per service.</summary>
public class Customer
{
    /// <summary>Enterprise (Enhanced Adoption Service eligible): more than this many licences.</summary>
    public const int EnterpriseLicences = 20_000;

    private Customer() { }

    public Customer(string name, string tenantDomain, string? industry, bool accountManaged, string? csmName,
        string? csmEmail, string? notes, IEnumerable<(string Service, int Seats)> seats)
    {
        Name = Guard.Name(name, "Customer name");
        TenantDomain = Guard.Name(tenantDomain, "Tenant domain").ToLowerInvariant();
        Industry = Guard.Optional(industry);
        AccountManaged = accountManaged;
        CsmName = Guard.Optional(csmName);
        CsmEmail = Guard.Optional(csmEmail);
        Notes = Guard.Optional(notes);
        SetSeats(seats);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TenantDomain { get; private set; } = "";
    public string? Industry { get; private set; }
    public bool AccountManaged { get; private set; }
    public string? CsmName { get; private set; }
    public string? CsmEmail { get; private set; }
    public string? Notes { get; private set; }
    public int Version { get; private set; }
    public List<CustomerSeats> Seats { get; private set; } = [];

    /// <summary>A Customer Success Manager is assigned: the CSM handshake rule applies.</summary>
    public bool HasCsm => CsmName is not null || CsmEmail is not null;

    /// <summary>Licences of the tenant: seats are per service but count the same people, so the largest one.</summary>
    public int Licences => Seats.Count == 0 ? 0 : Seats.Max(s => s.Seats);

    public bool IsEnterprise => Licences > EnterpriseLicences;

    public int? SeatsFor(string service) =>
        Seats.FirstOrDefault(s => string.Equals(s.Service, service, StringComparison.OrdinalIgnoreCase))?.Seats;

    public static string SeatsText(IEnumerable<(string Service, int Seats)> seats) =>
        string.Join("; ", seats.OrderBy(s => s.Service, StringComparer.Ordinal).Select(s => $"{s.Service} {s.Seats}"));

    public IReadOnlyList<FieldChange> Edit(string name, string tenantDomain, string? industry, bool accountManaged,
        string? csmName, string? csmEmail, string? notes, IEnumerable<(string Service, int Seats)> seats)
    {
        var newSeats = seats.ToList();
        var changes = new ChangeSet()
            .Track("Name", Name, Guard.Name(name, "Customer name"))
            .Track("Tenant domain", TenantDomain, Guard.Name(tenantDomain, "Tenant domain").ToLowerInvariant())
            .Track("Industry", Industry, Guard.Optional(industry))
            .Track("Account managed", AccountManaged, accountManaged)
            .Track("CSM", CsmName, Guard.Optional(csmName))
            .Track("CSM e-mail", CsmEmail, Guard.Optional(csmEmail))
            .Track("Notes", Notes, Guard.Optional(notes))
            .Track("Seats", SeatsText(Seats.Select(s => (s.Service, s.Seats))), SeatsText(newSeats));
        if (changes.Count == 0) return [];
        Name = name.Trim();
        TenantDomain = tenantDomain.Trim().ToLowerInvariant();
        Industry = Guard.Optional(industry);
        AccountManaged = accountManaged;
        CsmName = Guard.Optional(csmName);
        CsmEmail = Guard.Optional(csmEmail);
        Notes = Guard.Optional(notes);
        SetSeats(newSeats);
        Version++;
        return changes.Items;
    }

    private void SetSeats(IEnumerable<(string Service, int Seats)> seats)
    {
        var list = seats.ToList();
        if (list.Any(s => s.Seats < 0)) throw new DomainException("Seats cannot be negative.");
        if (list.DistinctBy(s => s.Service, StringComparer.OrdinalIgnoreCase).Count() != list.Count)
            throw new DomainException("Each service is listed once in the seats.");
        foreach (var existing in Seats.ToList())
        {
            var match = list.FirstOrDefault(s => string.Equals(s.Service, existing.Service, StringComparison.OrdinalIgnoreCase));
            if (match.Service is null) Seats.Remove(existing);
            else existing.Seats = match.Seats;
        }
        foreach (var (service, count) in list.Where(s => Seats.All(e => !string.Equals(e.Service, s.Service, StringComparison.OrdinalIgnoreCase))))
            Seats.Add(new CustomerSeats { Service = service.Trim(), Seats = count });
    }
}

/// <summary>Licensed seats of one service for one customer.</summary>
public class CustomerSeats
{
    public int Id { get; private set; }
    public int CustomerId { get; private set; }
    public string Service { get; internal set; } = "";
    public int Seats { get; internal set; }
}
