using FastTrack.Domain.Catalogue;

namespace FastTrack.Tests.CatalogueDomain; // not FastTrack.Tests.Domain.*: that would hide FastTrack.Domain in TestDatabase.cs

public class CatalogueTaskMoveToTests
{
    [Fact]
    public void Moves_to_a_section_of_the_same_name_in_another_process_and_repeating_is_a_no_op()
    {
        var phase = new Phase("Initiate", 1);
        var prepareA = new Section(new Process(phase, "Kickoff", 1), "Prepare", 1);
        var prepareB = new Section(new Process(phase, "Technical Assessment", 2), "Prepare", 1);
        var task = new CatalogueTask(994, prepareA, "Kickoff", null, null, true, "FastTrack Manager", true, []);

        Assert.Empty(task.Edit(prepareB, "Kickoff", null, null, true, "FastTrack Manager", true, [])); // Edit compares by name
        Assert.Same(prepareA, task.Section);

        Assert.Single(task.MoveTo(prepareB));
        Assert.Same(prepareB, task.Section);
        Assert.Equal(1, task.Version);
        Assert.Empty(task.MoveTo(prepareB));
        Assert.Equal(1, task.Version);
    }
}
