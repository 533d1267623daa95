using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>A playbook phase (Initiate, Assess, Success …). Data, not an enum: admins can add phases.</summary>
public class Phase
{
    private Phase() { }

    public Phase(string nameEn, int order, string? nameJa = null, string? nameZh = null)
    {
        NameEn = Guard.Name(nameEn, "Phase name");
        Order = order;
        NameJa = nameJa;
        NameZh = nameZh;
    }

    public int Id { get; private set; }
    public string NameEn { get; private set; } = "";
    public string? NameJa { get; private set; }
    public string? NameZh { get; private set; }
    public int Order { get; private set; }
    public List<Process> Processes { get; private set; } = [];

    public string Name(System.Globalization.CultureInfo? culture = null) => Localized.Pick(NameEn, NameJa, NameZh, culture);
}
