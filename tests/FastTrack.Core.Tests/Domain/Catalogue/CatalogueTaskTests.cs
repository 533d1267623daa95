using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;

// Not FastTrack.Tests.Domain.Catalogue: that namespace would hide FastTrack.Domain from TestDatabase.cs.
namespace FastTrack.Tests.Catalogue;

public class CatalogueTaskTests
{
    private static readonly Phase Initiate = new("Initiate", 1);
    private static readonly Process Kickoff = new(Initiate, "Conduct Customer Kickoff", 1);
    private static readonly Section Prepare = new(Kickoff, "Prepare for Kickoff Meeting", 1);
    private static readonly Section Schedule = new(Kickoff, "Schedule and Conduct Kickoff Meeting", 2);
    private static readonly Service Teams = new("Teams");
    private static readonly Service Exchange = new("Exchange");

    private static CatalogueTask Kickoff994() =>
        new(994, Schedule, "Conduct Initiate/Kickoff Meeting(s)", "開始/キックオフ ミーティングを実施する", null,
            true, "FastTrack Manager", true, []);

    [Fact]
    public void Editing_records_each_changed_field_and_bumps_the_version()
    {
        var task = Kickoff994();
        var changes = task.Edit(Prepare, " Conduct Kickoff ", "開始/キックオフ ミーティングを実施する", "召开启动会议", false,
            "Partner", false, [Teams, Exchange]);

        Assert.Equal(1, task.Version);
        Assert.Equal(
            new[] { "Section", "Name (English)", "Name (Chinese)", "Required", "Role", "Services" },
            changes.Select(c => c.Field).ToArray());
        Assert.Contains(new FieldChange("Services", "All Services", "Exchange;Teams"), changes);
        Assert.Contains(new FieldChange("Required", "M", "O"), changes);
        Assert.Equal("Conduct Kickoff", task.NameEn);
        Assert.Same(Prepare, task.Section);
        Assert.False(task.AllServices);
        Assert.Equal("Exchange;Teams", task.ServicesText);
    }

    [Fact]
    public void Saving_the_same_values_changes_nothing_and_keeps_the_version()
    {
        var task = Kickoff994();
        var changes = task.Edit(Schedule, "Conduct Initiate/Kickoff Meeting(s)", "開始/キックオフ ミーティングを実施する", " ",
            true, "FastTrack Manager", true, []);
        Assert.Empty(changes);
        Assert.Equal(0, task.Version);
    }

    [Fact]
    public void An_edit_without_English_name_or_services_is_refused_and_changes_nothing()
    {
        var task = Kickoff994();
        Assert.Throws<DomainException>(() => task.Edit(Schedule, "  ", null, null, true, "FastTrack Manager", true, []));
        var ex = Assert.Throws<DomainException>(() => task.Edit(Schedule, "Kickoff", null, null, true, "FastTrack Manager", false, []));
        Assert.Equal("A task applies to at least one service (or to All Services).", ex.Template);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", task.NameEn);
        Assert.Equal(0, task.Version);
    }

    [Fact]
    public void A_task_needs_a_positive_id()
    {
        Assert.Throws<DomainException>(() => new CatalogueTask(0, Schedule, "x", null, null, true, "FastTrack Manager", true, []));
        Assert.Throws<DomainException>(() => new CatalogueTask(-5, Schedule, "x", null, null, true, "FastTrack Manager", true, []));
    }

    [Fact]
    public void Retiring_and_restoring_are_recorded_once_and_repeating_them_is_a_no_op()
    {
        var task = Kickoff994();
        Assert.Equal(new[] { new FieldChange("Retired", "no", "yes") }, task.Retire());
        Assert.True(task.Retired);
        Assert.Equal(1, task.Version);
        Assert.Empty(task.Retire());
        Assert.Equal(1, task.Version);

        Assert.Equal(new[] { new FieldChange("Retired", "yes", "no") }, task.Restore());
        Assert.False(task.Retired);
        Assert.Equal(2, task.Version);
        Assert.Empty(task.Restore());
        Assert.Equal(2, task.Version);
    }

    [Fact]
    public void The_name_follows_the_language_and_falls_back_to_English()
    {
        var task = Kickoff994();
        Assert.Equal("開始/キックオフ ミーティングを実施する", task.Name(new System.Globalization.CultureInfo("ja")));
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", task.Name(new System.Globalization.CultureInfo("zh-Hans")));
    }
}

public class SectionAndProcessTests
{
    private static readonly Process Kickoff = new(new Phase("Initiate", 1), "Conduct Customer Kickoff", 1);

    [Fact]
    public void Editing_a_section_records_changes_and_bumps_the_version()
    {
        var section = new Section(Kickoff, "Confirm DIBS", 3);
        var changes = section.Edit("Confirm DIBS", "DIBS の確認", null, 4, "Partner", "RFA", "Teams");
        Assert.Equal(new[] { "Name (Japanese)", "Order", "Primary role", "Motions", "Applies to" }, changes.Select(c => c.Field).ToArray());
        Assert.Equal(1, section.Version);
        Assert.Empty(section.Edit("Confirm DIBS", "DIBS の確認", null, 4, "Partner", "RFA", "Teams"));
        Assert.Equal(1, section.Version);
    }

    [Fact]
    public void A_section_or_process_order_below_1_is_refused()
    {
        var section = new Section(Kickoff, "Confirm DIBS", 3);
        Assert.Throws<DomainException>(() => section.Edit("Confirm DIBS", null, null, 0, "-", "", ""));
        Assert.Equal(3, section.Order);
        Assert.Throws<DomainException>(() => Kickoff.Edit("Conduct Customer Kickoff", null, null, 0));
        Assert.Equal(1, Kickoff.Order);
    }

    [Fact]
    public void Editing_a_process_records_changes_and_bumps_the_version()
    {
        var process = new Process(new Phase("Assess", 2), "Conduct Customer Success Workshop", 1);
        var changes = process.Edit("Conduct Success Workshop", null, "举办客户成功研讨会", 2);
        Assert.Equal(new[] { "Name (English)", "Name (Chinese)", "Order" }, changes.Select(c => c.Field).ToArray());
        Assert.Equal(1, process.Version);
    }
}
