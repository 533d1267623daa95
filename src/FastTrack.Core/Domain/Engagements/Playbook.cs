using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;

namespace FastTrack.Domain.Engagements;

/// <summary>The catalogue's phases and processes in order: what "next" means for an engagement.</summary>
public sealed class Playbook(IEnumerable<Phase> phases)
{
    public IReadOnlyList<Phase> Phases { get; } = phases.OrderBy(p => p.Order).ToList();

    public Phase First => Phases.FirstOrDefault(p => p.Processes.Count > 0 && !p.Retired)
        ?? throw new DomainException("The catalogue has no phase with a process yet.");

    public static Process FirstProcess(Phase phase) => phase.Processes.OrderBy(p => p.Order).First();

    public Process Process(int id) => Phases.SelectMany(p => p.Processes).FirstOrDefault(p => p.Id == id)
        ?? throw new DomainException("The catalogue has no process {0}.", id);

    public IEnumerable<Process> Processes => Phases.SelectMany(p => p.Processes.OrderBy(o => o.Order));

    /// <summary>
    /// The process after this one: the next in its phase, else the first of the next phase that is not retired (an
    /// engagement already in a retired phase finishes it); null at the end.
    /// </summary>
    public Process? Next(int processId) => Next(processId, null);

    /// <summary>
    /// As <see cref="Next(int)"/> for an engagement's plan: the processes of the phases it skips are passed over (the
    /// current process is found wherever it is).
    /// </summary>
    public Process? Next(int processId, IReadOnlySet<int>? skippedPhaseIds)
    {
        var all = Processes.ToList();
        var i = all.FindIndex(p => p.Id == processId);
        if (i < 0) return null;
        var phase = all[i].Phase;
        for (var j = i + 1; j < all.Count; j++)
            if ((ReferenceEquals(all[j].Phase, phase) || !all[j].Phase.Retired)
                && (skippedPhaseIds is null || !skippedPhaseIds.Contains(all[j].Phase.Id))) return all[j];
        return null;
    }
}
