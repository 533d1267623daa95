using FastTrack.Domain.Catalogue;

namespace FastTrack.Domain.Engagements;

/// <summary>A section without tasks that the FM still works through, possibly not applicable for some services.</summary>
public sealed record GuidanceStep(Section Section, IReadOnlyList<string> NotApplicableServices, string? Reason);

public sealed record Checklist(IReadOnlyList<CatalogueTask> Tasks, IReadOnlyList<GuidanceStep> Steps);

/// <summary>
/// The checklist of one phase for one engagement: every non-retired catalogue task of the phase whose services
/// are "All Services" or intersect the engagement's, in playbook order (process, section, FTOP id), with the CSM
/// handshake rule applied; and the sections holding no task as guidance steps.
/// </summary>
public static class ChecklistGenerator
{
    public static Checklist Generate(Phase phase, IReadOnlyCollection<string> services, EngagementMotion motion, bool customerHasCsm)
    {
        var tasks = new List<CatalogueTask>();
        var steps = new List<GuidanceStep>();
        var handshake = CsmHandshakeRule.HandshakeServices(customerHasCsm, services);
        foreach (var process in phase.Processes.OrderBy(p => p.Order))
        {
            foreach (var section in process.Sections.OrderBy(s => s.Order))
            {
                if (!RunsFor(section, motion)) continue;
                tasks.AddRange(section.Tasks
                    .Where(t => !t.Retired && t.AppliesTo(services))
                    .Where(t => !CsmHandshakeRule.IsHandshakeTask(t.FtopId) || CsmHandshakeRule.IncludesTask(t.FtopId, customerHasCsm, services))
                    .OrderBy(t => t.FtopId));
                if (section.Tasks.Any(t => !t.Retired) || !AppliesTo(section, services)) continue;
                if (CsmHandshakeRule.IsReplacedStep(section.NameEn) && handshake.Count > 0)
                    steps.Add(new GuidanceStep(section, handshake, string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        CsmHandshakeRule.Reason, string.Join(", ", handshake))));
                else
                    steps.Add(new GuidanceStep(section, [], null));
            }
        }
        return new Checklist(tasks, steps);
    }

    private static bool RunsFor(Section section, EngagementMotion motion)
    {
        var motions = ServiceNames.Split(section.Motions);
        return motions.Count == 0 || motions.Contains(EngagementVocabulary.MotionName(motion), StringComparer.OrdinalIgnoreCase);
    }

    private static bool AppliesTo(Section section, IReadOnlyCollection<string> services)
    {
        var names = ServiceNames.Split(section.AppliesTo);
        return names.Count == 0 || names.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase)
            || names.Any(n => services.Contains(n, StringComparer.OrdinalIgnoreCase));
    }
}
