using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;

namespace FastTrack.Tests.Engagements;

public class ChecklistGeneratorTests
{
    private readonly Playbook _playbook = TestPlaybook.Build();

    private Checklist For(string phase, bool csm, params string[] services) =>
        ChecklistGenerator.Generate(_playbook.Phases.Single(p => p.NameEn == phase), services, EngagementMotion.CustomerHealth, csm);

    [Fact]
    public void Initiate_for_teams_has_the_all_services_tasks_in_playbook_order_and_the_guidance_steps()
    {
        var list = For("Initiate", false, ServiceNames.Teams);
        Assert.Equal([3616, 3979, 983, 994], list.Tasks.Select(t => t.FtopId));
        Assert.Equal(["Confirm DIBS (Kickoff Meeting)", "Capture Available SSAT (Kickoff Meeting)", "Uncategorized Tasks (Kickoff Meeting)"],
            list.Steps.Select(s => s.Section.NameEn));
    }

    [Fact]
    public void Initiate_adds_the_terms_tasks_for_the_services_they_name()
    {
        Assert.Contains(1904, For("Initiate", false, ServiceNames.SharePoint).Tasks.Select(t => t.FtopId));
        Assert.DoesNotContain(1903, For("Initiate", false, ServiceNames.SharePoint).Tasks.Select(t => t.FtopId));
        Assert.Contains(1903, For("Initiate", false, "Core Onboarding").Tasks.Select(t => t.FtopId));
    }

    [Fact]
    public void Assess_for_a_mix_of_services_takes_the_value_add_tasks_that_intersect()
    {
        var ids = For("Assess", false, ServiceNames.OneDrive, ServiceNames.Exchange).Tasks.Select(t => t.FtopId).ToList();
        Assert.Equal([3278, 3718, 2536], ids); // section order: Value-Add Discussions (6) before Workshop Complete (7)
        Assert.Equal([2536], For("Assess", false, ServiceNames.Teams).Tasks.Select(t => t.FtopId));
        Assert.Equal([3734, 3738, 2536], For("Assess", false, "Office 365 ProPlus").Tasks.Select(t => t.FtopId));
    }

    [Fact]
    public void Assess_shows_the_onedrive_adoption_program_step_only_for_onedrive()
    {
        Assert.Contains("Service Adoption Program", For("Assess", false, ServiceNames.OneDrive).Steps.Select(s => s.Section.NameEn));
        Assert.DoesNotContain("Service Adoption Program", For("Assess", false, ServiceNames.Teams).Steps.Select(s => s.Section.NameEn));
    }

    [Fact]
    public void Success_without_a_csm_has_no_handshake_and_every_step_applies()
    {
        var list = For("Success", false, ServiceNames.Teams, ServiceNames.OneDrive);
        Assert.Equal([3740, 3741, 3743, 3735], list.Tasks.Select(t => t.FtopId));
        Assert.All(list.Steps, s => Assert.Empty(s.NotApplicableServices));
    }

    [Fact]
    public void Success_with_a_csm_adds_the_handshake_of_each_modern_comms_service_and_marks_the_two_steps_not_applicable_for_it()
    {
        var list = For("Success", true, ServiceNames.Teams, ServiceNames.Yammer, ServiceNames.SharePoint);
        Assert.Equal([3731, 3732, 3735], list.Tasks.Select(t => t.FtopId));
        var checkIn = list.Steps.Single(s => s.Section.NameEn == "Schedule Success Check-in Meetings");
        Assert.Equal([ServiceNames.Teams, ServiceNames.Yammer], checkIn.NotApplicableServices);
        Assert.Contains("CSM handshake", checkIn.Reason);
        var track = list.Steps.Single(s => s.Section.NameEn == "Encourage Customer to Track Adoption Progress");
        Assert.Equal([ServiceNames.Teams, ServiceNames.Yammer], track.NotApplicableServices);
    }

    [Fact]
    public void With_a_csm_but_no_modern_comms_service_nothing_changes()
    {
        var list = For("Success", true, ServiceNames.SharePoint);
        Assert.DoesNotContain(list.Tasks, t => CsmHandshakeRule.IsHandshakeTask(t.FtopId));
        Assert.All(list.Steps, s => Assert.Empty(s.NotApplicableServices));
    }

    [Fact]
    public void Retired_tasks_are_not_generated()
    {
        var quickLeads = _playbook.Phases[0].Processes[0].Sections.SelectMany(s => s.Tasks).Single(t => t.FtopId == 983);
        quickLeads.Retire();
        Assert.DoesNotContain(983, For("Initiate", false, ServiceNames.Teams).Tasks.Select(t => t.FtopId));
    }
}
