using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>
/// A FastTrack role a catalogue task or section names (FastTrack Manager, FastTrack Engineer, SME …). Catalogue data,
/// like services: admins add, rename and retire roles. <see cref="Key"/> is what tasks, sections and catalogue files
/// store and never changes; the three names are what people read.
/// </summary>
public class CatalogueRole
{
    public const int KeyMax = 100;
    public const int NameMax = 200;

    private CatalogueRole() { }

    public CatalogueRole(string key, int order, string? nameJa = null, string? nameZh = null, string? nameEn = null)
    {
        if (order < 1) throw new DomainException("The order must be 1 or more.");
        Key = Guard.Name(key, "Role");
        NameEn = Guard.Optional(nameEn) ?? Key;
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Order = order;
    }

    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    public int Order { get; private set; }
    /// <summary>A retired role stays on the tasks and sections that name it; new choices no longer offer it.</summary>
    public bool Retired { get; private set; }
    /// <summary>Concurrency token: two admins editing the same role, the second is told.</summary>
    public int Version { get; private set; }

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);

    public IReadOnlyList<FieldChange> Edit(string nameEn, string? nameJa, string? nameZh, int order)
    {
        if (order < 1) throw new DomainException("The order must be 1 or more.");
        var changes = new ChangeSet()
            .Track("Name (English)", NameEn, Guard.Name(nameEn, "Role name"))
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
}

/// <summary>The roles a new catalogue starts with: the four of earlier releases, then the playbook's own.</summary>
public static class CatalogueRoles
{
    public const string FastTrackManager = "FastTrack Manager";
    public const string NoRole = "-";

    public static readonly (string Key, string Ja, string Zh)[] Seed =
    [
        (FastTrackManager, "FastTrack マネージャー", "FastTrack 经理"),
        ("Partner", "パートナー", "合作伙伴"),
        ("Customer", "お客様", "客户"),
        (NoRole, "-", "-"),
        ("FastTrack Engineer", "FastTrack エンジニア", "FastTrack 工程师"),
        ("SME", "SME (分野別の専門家)", "SME（主题专家）"),
        ("Migration Velocity Manager", "Migration Velocity マネージャー", "Migration Velocity 经理"),
        ("GetModern FTA", "GetModern FTA", "GetModern FTA"),
        ("FastTrack Architect v2", "FastTrack アーキテクト v2", "FastTrack 架构师 v2"),
        ("FastTrack Ready Partner", "FastTrack Ready パートナー", "FastTrack Ready 合作伙伴"),
    ];

    /// <summary>
    /// A role's name in the language from the seed, or its key: the engagement page shows each task's role without reading
    /// the roles table (its query budget), so a name an admin changed shows there as first shipped.
    /// </summary>
    public static string SeedName(string key, System.Globalization.CultureInfo? culture = null)
    {
        foreach (var (k, ja, zh) in Seed)
            if (k == key) return Localized.Pick(k, ja, zh, culture);
        return key == Roles.FastTrackManager ? Localized.Pick(FastTrackManager, Seed[0].Ja, Seed[0].Zh, culture) : key;
    }
}
