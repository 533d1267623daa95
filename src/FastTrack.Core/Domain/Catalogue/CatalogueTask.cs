using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>An FTOP task in the catalogue (994 Conduct Kickoff …). Its FTOP id is its identity.</summary>
public class CatalogueTask
{
    private CatalogueTask() { }

    public CatalogueTask(int ftopId, Section section, string nameEn, string? nameJa, string? nameZh,
        bool mandatory, string role, bool allServices, IEnumerable<Service> services)
    {
        if (ftopId <= 0) throw new DomainException("The FTOP id must be a positive number.");
        FtopId = ftopId;
        Section = section;
        SectionId = section.Id;
        NameEn = Guard.Name(nameEn, "English name");
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Mandatory = mandatory;
        Role = Guard.Name(role, "Role");
        SetServices(allServices, services);
    }

    public int FtopId { get; private set; }
    public int SectionId { get; private set; }
    public Section Section { get; private set; } = null!;
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    public bool Mandatory { get; private set; }
    public string Role { get; private set; } = Roles.FastTrackManager;
    /// <summary>"All Services": the task applies whatever the engagement's services are.</summary>
    public bool AllServices { get; private set; }
    public List<Service> Services { get; private set; } = [];
    public bool Retired { get; private set; }
    /// <summary>Concurrency token: two admins editing the same task, the second is told.</summary>
    public int Version { get; private set; }

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);

    /// <summary>The services as written in the catalogue file: "All Services" or "A;B".</summary>
    public string ServicesText => AllServices
        ? ServiceNames.All
        : string.Join(';', Services.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));

    public bool AppliesTo(IEnumerable<string> engagementServices) =>
        AllServices || Services.Any(s => engagementServices.Contains(s.Name, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<FieldChange> Edit(Section section, string nameEn, string? nameJa, string? nameZh,
        bool mandatory, string role, bool allServices, IReadOnlyCollection<Service> services)
    {
        var newServices = allServices
            ? ServiceNames.All
            : string.Join(';', services.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
        var changes = new ChangeSet()
            .Track("Section", SectionLabel(Section), SectionLabel(section))
            .Track("Name (English)", NameEn, Guard.Name(nameEn, "English name"))
            .Track("Name (Japanese)", NameJa, Guard.Optional(nameJa))
            .Track("Name (Chinese)", NameZh, Guard.Optional(nameZh))
            .Track("Required", Mandatory ? "M" : "O", mandatory ? "M" : "O")
            .Track("Role", Role, Guard.Name(role, "Role"))
            .Track("Services", ServicesText, newServices);
        if (changes.Count == 0) return [];

        // First the part that can still refuse, so a refused edit leaves the task as it was.
        SetServices(allServices, services);
        Section = section;
        SectionId = section.Id;
        NameEn = nameEn.Trim();
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Mandatory = mandatory;
        Role = role.Trim();
        Version++;
        return changes.Items;
    }

    /// <summary>Retiring keeps the task on every engagement that has it; it only stops new checklists using it.</summary>
    public IReadOnlyList<FieldChange> Retire()
    {
        if (Retired) return [];
        Retired = true;
        Version++;
        return [new FieldChange("Retired", "no", "yes")];
    }

    public IReadOnlyList<FieldChange> Restore()
    {
        if (!Retired) return [];
        Retired = false;
        Version++;
        return [new FieldChange("Retired", "yes", "no")];
    }

    private void SetServices(bool allServices, IEnumerable<Service> services)
    {
        var list = allServices ? [] : services.DistinctBy(s => s.Name).ToList();
        if (!allServices && list.Count == 0)
            throw new DomainException("A task applies to at least one service (or to All Services).");
        AllServices = allServices;
        Services.Clear();
        Services.AddRange(list);
    }

    private static string SectionLabel(Section? s) => s is null ? "" : s.NameEn;

    /// <summary>
    /// Moves the task to <paramref name="section"/>, also when that section has the same English name as its current
    /// one (a section of another process), which <see cref="Edit"/> does not see because it compares sections by name.
    /// </summary>
    public IReadOnlyList<FieldChange> MoveTo(Section section)
    {
        if (ReferenceEquals(Section, section)) return [];
        var change = new FieldChange("Section", SectionLabel(Section), SectionLabel(section));
        Section = section;
        SectionId = section.Id;
        Version++;
        return [change];
    }
}
