using FastTrack.Data;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Features.Catalogue;

/// <summary>
/// Where a new phase goes among the existing ones (issue 21 item 7): a phase of the playbook takes its playbook place
/// (Remediate after Assess, before Enable …); any other phase goes before the playbook's last phase, Success, so an
/// engagement never steps out of the success review into another phase.
/// </summary>
internal static class PhasePlacement
{
    /// <summary>The 0-based index at which <paramref name="name"/> joins <paramref name="ordered"/> (phases in lifecycle order).</summary>
    public static int IndexFor(string name, IReadOnlyList<Phase> ordered)
    {
        var playbook = CatalogueSeeder.PlaybookPhaseOrder;
        var rank = IndexOf(playbook, name);
        if (rank < 0) rank = playbook.Count - 1; // not a playbook phase: just before Success
        for (var i = 0; i < ordered.Count; i++)
        {
            var other = IndexOf(playbook, ordered[i].NameEn);
            if (other >= rank) return i;
        }
        return ordered.Count;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
