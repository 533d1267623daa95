using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>A process within a phase (Conduct Customer Kickoff …), ordered within its phase.</summary>
public class Process
{
    private Process() { }

    public Process(Phase phase, string nameEn, int order)
    {
        Phase = phase;
        NameEn = Guard.Name(nameEn, "Process name");
        Order = order;
    }

    public int Id { get; private set; }
    public int PhaseId { get; private set; }
    public Phase Phase { get; private set; } = null!;
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    public int Order { get; private set; }
    public int Version { get; private set; }
    public List<Section> Sections { get; private set; } = [];

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);

    public IReadOnlyList<FieldChange> Edit(string nameEn, string? nameJa, string? nameZh, int order)
    {
        if (order < 1) throw new DomainException("The order must be 1 or more.");
        var changes = new ChangeSet()
            .Track("Name (English)", NameEn, Guard.Name(nameEn, "Process name"))
            .Track("Name (Japanese)", NameJa, Guard.Optional(nameJa))
            .Track("Name (Chinese)", NameZh, Guard.Optional(nameZh))
            .Track("Order", Order, order);
        if (changes.Count == 0) return [];
        NameEn = nameEn.Trim();
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Order = order;
        Version++;
        return changes.Items;
    }
}
