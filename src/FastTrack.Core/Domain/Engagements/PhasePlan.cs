using System.Globalization;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// Which phases an engagement goes through. Not every engagement remediates or migrates: the playbook's "Next steps"
/// say when each phase applies. Initiate, Assess and Success (and the catalogue's first phase) always apply; the FM
/// chooses the others at kickoff and again at any later gate. The default:
/// <list type="bullet">
/// <item>Remediate: no. It applies when the technical assessment found gaps, which is known at the Assess gate.</item>
/// <item>Migrate: when a service with a migration (Exchange, SharePoint, OneDrive for Business) is in scope.</item>
/// <item>Enable, and a phase an admin added: yes.</item>
/// </list>
/// </summary>
public static class PhasePlan
{
    public const string Initiate = "Initiate";
    public const string Assess = "Assess";
    public const string Remediate = "Remediate";
    public const string Migrate = "Migrate";
    public const string Success = "Success";

    /// <summary>The separator of a path's phases ("Initiate ▸ Assess ▸ Enable ▸ Success").</summary>
    public const string Separator = " ▸ ";

    /// <summary>The services the playbook's Migrate phase moves data for (its tasks' services).</summary>
    public static readonly IReadOnlyList<string> MigrationServices = [ServiceNames.Exchange, ServiceNames.SharePoint, ServiceNames.OneDrive];

    private static readonly string[] Always = [Initiate, Assess, Success];

    /// <summary>Initiate, Assess, Success and the playbook's first phase: every engagement goes through them.</summary>
    public static bool AlwaysApplies(Phase phase, Playbook playbook) =>
        Always.Contains(phase.NameEn, StringComparer.OrdinalIgnoreCase) || phase.Id == playbook.First.Id
        || phase.Processes.Any(p => p.NameEn == PlaybookNames.ConductSuccessReview);

    /// <summary>
    /// A phase's default: on for every engagement (<c>On</c>), or only when one of the services <c>With</c> is in scope.
    /// Remediate: off (the technical assessment decides); Migrate: with a migration service; the others: on.
    /// </summary>
    public static (bool On, IReadOnlyList<string> With) DefaultRule(Phase phase, Playbook playbook)
    {
        if (AlwaysApplies(phase, playbook)) return (true, []);
        if (string.Equals(phase.NameEn, Remediate, StringComparison.OrdinalIgnoreCase)) return (false, []);
        if (string.Equals(phase.NameEn, Migrate, StringComparison.OrdinalIgnoreCase)) return (false, MigrationServices);
        return (true, []);
    }

    /// <summary>Whether the phase is in a new engagement's plan unless the FM says otherwise.</summary>
    public static bool AppliesByDefault(Phase phase, Playbook playbook, IReadOnlyCollection<string> services)
    {
        var (on, with) = DefaultRule(phase, playbook);
        return on || services.Any(s => with.Contains(s, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The default plan of an engagement with these services: the ids of the phases it goes through.</summary>
    public static IReadOnlyList<int> Default(Playbook playbook, IReadOnlyCollection<string> services) =>
        playbook.Phases.Where(p => p.Processes.Count > 0 && AppliesByDefault(p, playbook, services)).Select(p => p.Id).ToList();

    /// <summary>The stored form of a plan: the phases (with processes) that it does not hold.</summary>
    public static string Skipped(Playbook playbook, IReadOnlyCollection<int> phases) =>
        Format(playbook.Phases.Where(p => p.Processes.Count > 0 && !phases.Contains(p.Id)).Select(p => p.Id));

    /// <summary>"Initiate ▸ Assess ▸ Enable ▸ Success".</summary>
    public static string Path(IEnumerable<Phase> phases, CultureInfo? culture = null) =>
        string.Join(Separator, phases.Select(p => p.Name(culture)));

    /// <summary>The stored form of the skipped phases: their ids in order, ';'-separated ("" when none).</summary>
    public static string Format(IEnumerable<int> skipped) =>
        string.Join(';', skipped.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));

    public static IReadOnlySet<int> Parse(string? skipped)
    {
        var ids = new HashSet<int>();
        if (string.IsNullOrEmpty(skipped)) return ids;
        foreach (var part in skipped.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) ids.Add(id);
        return ids;
    }
}
