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
    public Process? Next(int processId)
    {
        var all = Processes.ToList();
        var i = all.FindIndex(p => p.Id == processId);
        if (i < 0) return null;
        var phase = all[i].Phase;
        return all.Skip(i + 1).FirstOrDefault(p => ReferenceEquals(p.Phase, phase) || !p.Phase.Retired);
    }
}
