using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>An approach section of a process. It may hold FTOP tasks; without tasks it is a guidance step.</summary>
public class Section
{
    public const int SummaryMax = 1000;

    private Section() { }

    public Section(Process process, string nameEn, int order, string primaryRole = Roles.FastTrackManager)
    {
        Process = process;
        NameEn = Guard.Name(nameEn, "Section name");
        Order = order;
        PrimaryRole = primaryRole;
    }

    public int Id { get; private set; }
    public int ProcessId { get; private set; }
    public Process Process { get; private set; } = null!;
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    public int Order { get; private set; }
    public string PrimaryRole { get; private set; } = Roles.FastTrackManager;
    /// <summary>Motions this section is run for, ';'-separated (Customer Health;RFA;Targeting); empty means all.</summary>
    public string Motions { get; private set; } = "";
    /// <summary>Services the section applies to, ';'-separated, or "All Services".</summary>
    public string AppliesTo { get; private set; } = ServiceNames.All;
    /// <summary>A short summary of what the FM does in this section (from the playbook, in our words); null: none.</summary>
    public string? SummaryEn { get; private set; }
    public string? SummaryJa { get; private set; }
    public string? SummaryZh { get; private set; }
    public int Version { get; private set; }
    public List<CatalogueTask> Tasks { get; private set; } = [];

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);

    /// <summary>The summary in the user's language, falling back to English; null when the section has none.</summary>
    public string? Summary(System.Globalization.CultureInfo? culture = null) =>
        SummaryEn is null ? null : Localized.Pick(SummaryEn, SummaryJa, SummaryZh, culture);

    /// <summary>Sets the three summaries (blank: none); a Japanese or Chinese summary needs an English one to fall back to.</summary>
    public IReadOnlyList<FieldChange> Summarize(string? summaryEn, string? summaryJa, string? summaryZh)
    {
        var en = Guard.Optional(summaryEn);
        var ja = Guard.Optional(summaryJa);
        var zh = Guard.Optional(summaryZh);
        if (en is null && (ja is not null || zh is not null))
            throw new DomainException("A Japanese or Chinese summary needs the English summary.");
        foreach (var text in new[] { en, ja, zh })
            if (text?.Length > SummaryMax) throw new DomainException($"A summary is at most {SummaryMax} characters.");
        var changes = new ChangeSet()
            .Track("Summary (English)", SummaryEn, en)
            .Track("Summary (Japanese)", SummaryJa, ja)
            .Track("Summary (Chinese)", SummaryZh, zh);
        if (changes.Count == 0) return [];
        SummaryEn = en;
        SummaryJa = ja;
        SummaryZh = zh;
        Version++;
        return changes.Items;
    }

    public IReadOnlyList<FieldChange> Edit(string nameEn, string? nameJa, string? nameZh, int order,
        string primaryRole, string motions, string appliesTo)
    {
        if (order < 1) throw new DomainException("The order must be 1 or more.");
        var changes = new ChangeSet()
            .Track("Name (English)", NameEn, Guard.Name(nameEn, "Section name"))
            .Track("Name (Japanese)", NameJa, Guard.Optional(nameJa))
            .Track("Name (Chinese)", NameZh, Guard.Optional(nameZh))
            .Track("Order", Order, order)
            .Track("Primary role", PrimaryRole, primaryRole.Trim())
            .Track("Motions", Motions, motions.Trim())
            .Track("Applies to", AppliesTo, string.IsNullOrWhiteSpace(appliesTo) ? ServiceNames.All : appliesTo.Trim());
        if (changes.Count == 0) return [];
        NameEn = nameEn.Trim();
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Order = order;
        PrimaryRole = primaryRole.Trim();
        Motions = motions.Trim();
        AppliesTo = string.IsNullOrWhiteSpace(appliesTo) ? ServiceNames.All : appliesTo.Trim();
        Version++;
        return changes.Items;
    }
}
