using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>A playbook phase (Initiate, Assess, Success …). Data, not an enum: admins add, rename, reorder and retire phases.</summary>
public class Phase
{
    public const int NameMax = 200;

    private Phase() { }

    public Phase(string nameEn, int order, string? nameJa = null, string? nameZh = null)
    {
        NameEn = Guard.Name(nameEn, "Phase name");
        Order = order;
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
    }

    public int Id { get; private set; }
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    /// <summary>Where the phase comes in the lifecycle: engagements step through the phases in this order.</summary>
    public int Order { get; private set; }
    /// <summary>A retired phase stays on the engagements that reached it; engagements no longer step into it.</summary>
    public bool Retired { get; private set; }
    /// <summary>Concurrency token: two admins editing the same phase, the second is told.</summary>
    public int Version { get; private set; }
    public List<Process> Processes { get; private set; } = [];

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);

    public IReadOnlyList<FieldChange> Rename(string nameEn, string? nameJa, string? nameZh)
    {
        var changes = new ChangeSet()
            .Track("Name (English)", NameEn, Guard.Name(nameEn, "Phase name"))
            .Track("Name (Japanese)", NameJa, Guard.Optional(nameJa))
            .Track("Name (Chinese)", NameZh, Guard.Optional(nameZh));
        if (changes.Count == 0) return [];
        NameEn = nameEn.Trim();
        NameJa = Guard.Optional(nameJa);
        NameZh = Guard.Optional(nameZh);
        Version++;
        return changes.Items;
    }

    /// <summary>Takes another place in the lifecycle (the caller renumbers the other phases with it).</summary>
    public IReadOnlyList<FieldChange> MoveTo(int order)
    {
        if (order < 1) throw new DomainException("The order must be 1 or more.");
        if (order == Order) return [];
        var change = new FieldChange("Order", Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
            order.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Order = order;
        Version++;
        return [change];
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

    /// <summary>Numbers <paramref name="ordered"/> 1..n in that order; returns the changes of each phase that moved.</summary>
    public static List<(Phase Phase, IReadOnlyList<FieldChange> Changes)> Renumber(List<Phase> ordered)
    {
        var moved = new List<(Phase, IReadOnlyList<FieldChange>)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var changes = ordered[i].MoveTo(i + 1);
            if (changes.Count > 0) moved.Add((ordered[i], changes));
        }
        return moved;
    }
}
