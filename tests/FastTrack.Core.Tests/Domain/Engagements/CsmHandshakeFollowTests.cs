using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

/// <summary>A CSM assigned or removed while an engagement runs: the checklist follows the CSM handshake rule from then on.</summary>
public class CsmHandshakeFollowTests
{
    private readonly Playbook _playbook = Build();

    private const string CheckIns = "Schedule Success Check-in Meetings";

    private Engagement InSuccess(Customer customer)
    {
        var e = Start(_playbook, customer, services: [ServiceNames.Teams, ServiceNames.SharePoint]);
        Complete(e, 3616, 994);
        e.MoveTo(_playbook.Processes.Single(p => p.NameEn == "Conduct Customer Success Workshop").Id, _playbook, null, "fm", Now);
        Save(e);
        foreach (var t in e.Tasks.Where(t => t.PhaseId == e.CurrentPhaseId && t.Mandatory)) Complete(e, t.FtopId);
        e.MoveTo(_playbook.Processes.Single(p => p.NameEn == "Support Success Execution").Id, _playbook, null, "fm", Now);
        Save(e);
        return e;
    }

    private static void SetCsm(Customer c, string? name) =>
        c.Edit(c.Name, c.TenantDomain, c.Industry, c.AccountManaged, name, name is null ? null : "casey@example.com", c.Notes,
            c.Seats.Select(s => (s.Service, s.Seats)).ToList());

    [Fact]
    public void A_csm_assigned_during_success_adds_the_handshake_and_sets_the_two_steps_aside()
    {
        var customer = Customer(csm: false);
        var e = InSuccess(customer);
        Assert.DoesNotContain(e.Tasks, t => t.FtopId == 3731);
        var version = e.Version;

        SetCsm(customer, "Casey CSM");
        var changes = e.FollowCsm(_playbook, "fm", Now);

        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 3731).Status);
        Assert.Equal([ServiceNames.Teams], e.Steps.Single(s => s.Section.NameEn == CheckIns).NotApplicableFor);
        Assert.Contains(changes, c => c.Field.StartsWith("3731 ", StringComparison.Ordinal) && c.After == "Not started");
        Assert.Contains(changes, c => c.Field == CheckIns && c.Before == "Applies" && c.After == "Not applicable for Teams");
        Assert.Equal(version + 1, e.Version);
        Assert.Empty(e.FollowCsm(_playbook, "fm", Now)); // following again changes nothing
    }

    [Fact]
    public void A_csm_removed_sets_the_open_handshake_aside_with_the_reason_and_the_steps_apply_again()
    {
        var customer = Customer(csm: true);
        var e = InSuccess(customer);
        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 3731).Status);

        SetCsm(customer, null);
        var changes = e.FollowCsm(_playbook, "fm", Now);

        var handshake = TaskOf(e, 3731);
        Assert.Equal((EngagementTaskStatus.NotApplicable, CsmHandshakeRule.NoCsmReason), (handshake.Status, handshake.StatusReason));
        Assert.Empty(e.Steps.Single(s => s.Section.NameEn == CheckIns).NotApplicableFor);
        Assert.Contains(changes, c => c.Field == CheckIns && c.After == "Applies");

        // The CSM comes back: the task the rule set aside is open again.
        SetCsm(customer, "Casey CSM");
        e.FollowCsm(_playbook, "fm", Now);
        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 3731).Status);
        Assert.Single(e.Tasks, t => t.FtopId == 3731);
    }

    [Fact]
    public void A_completed_handshake_stays_completed_when_the_csm_leaves()
    {
        var customer = Customer(csm: true);
        var e = InSuccess(customer);
        Complete(e, 3731);
        SetCsm(customer, null);
        e.FollowCsm(_playbook, "fm", Now);
        Assert.Equal(EngagementTaskStatus.Completed, TaskOf(e, 3731).Status);
    }

    [Fact]
    public void Before_success_nothing_changes_and_success_is_entered_with_the_rule_of_that_day()
    {
        var customer = Customer(csm: false);
        var e = Start(_playbook, customer, services: [ServiceNames.Teams]);
        SetCsm(customer, "Casey CSM");
        Assert.Empty(e.FollowCsm(_playbook, "fm", Now));
        Assert.DoesNotContain(e.Tasks, t => t.FtopId == 3731);
    }
}
