using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

/// <summary>A retired phase (issue 21 item 7): no engagement steps into it; one already in it finishes it.</summary>
public class PlaybookRetiredPhaseTests
{
    [Fact]
    public void Next_skips_the_processes_of_a_retired_phase()
    {
        var playbook = Build();
        var assess = playbook.Phases.Single(p => p.NameEn == "Assess");
        var lastOfInitiate = playbook.Phases.Single(p => p.NameEn == "Initiate").Processes.OrderBy(p => p.Order).Last();
        Assert.Same(assess, playbook.Next(lastOfInitiate.Id)!.Phase);

        assess.Retire();

        Assert.Equal("Success", playbook.Next(lastOfInitiate.Id)!.Phase.NameEn);
        // An engagement already in Assess goes on through its processes, then on to Success.
        var assessProcesses = assess.Processes.OrderBy(p => p.Order).ToList();
        for (var i = 0; i + 1 < assessProcesses.Count; i++) Assert.Same(assessProcesses[i + 1], playbook.Next(assessProcesses[i].Id));
        Assert.Equal("Success", playbook.Next(assessProcesses[^1].Id)!.Phase.NameEn);
    }

    [Fact]
    public void A_new_engagement_starts_in_the_first_phase_that_is_not_retired()
    {
        var playbook = Build();
        Assert.Equal("Initiate", playbook.First.NameEn);
        playbook.Phases.Single(p => p.NameEn == "Initiate").Retire();
        Assert.Equal("Assess", playbook.First.NameEn);
    }
}
