using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

/// <summary>Seats and usage agree (docs/engagements.md, "Seats and usage").</summary>
public class SeatsRuleTests
{
    private readonly Playbook _playbook = Build();

    [Fact]
    public void Refuses_an_engagement_with_a_service_the_customer_has_no_seats_of()
    {
        var customer = Customer(false, (ServiceNames.Teams, 1000), (ServiceNames.Yammer, 0));
        var ex = Assert.Throws<DomainException>(() => Start(_playbook, customer, services: [ServiceNames.Teams, ServiceNames.Yammer, ServiceNames.SharePoint]));
        Assert.Equal("The customer has no seats of Yammer, SharePoint: record its licensed seats on the customer first.", ex.Message);
    }

    [Fact]
    public void Refuses_adding_a_service_without_seats_on_edit()
    {
        var customer = Customer(false, (ServiceNames.Teams, 1000));
        var e = Start(_playbook, customer, services: [ServiceNames.Teams]);
        var ex = Assert.Throws<DomainException>(() => e.Edit("fm-1", null, e.Motion, [ServiceNames.Teams, ServiceNames.SharePoint],
            new EngagementDates(e.AssignedOn, null, null, null), _playbook));
        Assert.Contains("no seats of SharePoint", ex.Message);
        Assert.Equal([ServiceNames.Teams], e.ServiceNames);
    }

    [Fact]
    public void Refuses_seats_that_leave_a_service_in_scope_without_seats_or_below_the_usage_recorded()
    {
        var e = WithId(Start(_playbook, Customer(), services: [ServiceNames.Teams]), 7);
        e.RecordUsage(ServiceNames.Teams, Today, 600, "fm", Now, Today);

        var none = Assert.Throws<DomainException>(() => SeatsRule.EnsureCovered([(ServiceNames.SharePoint, 100)], [e]));
        Assert.Equal("Teams is in scope of engagement #7: it needs licensed seats while the engagement runs.", none.Message);
        var below = Assert.Throws<DomainException>(() => SeatsRule.EnsureCovered([(ServiceNames.Teams, 599)], [e]));
        Assert.Equal($"Teams cannot go below 600 seats: engagement #7 recorded 600 active users on {Today:yyyy-MM-dd}.", below.Message);
        SeatsRule.EnsureCovered([(ServiceNames.Teams, 600)], [e]);
    }

    [Fact]
    public void A_closed_engagement_does_not_hold_the_seats()
    {
        var e = Start(_playbook, Customer(), services: [ServiceNames.Teams]);
        e.RecordUsage(ServiceNames.Teams, Today, 600, "fm", Now, Today);
        typeof(Engagement).GetProperty(nameof(Engagement.State))!.SetValue(e, EngagementState.Completed);
        SeatsRule.EnsureCovered([], [e]);
    }

    [Fact]
    public void A_workload_target_date_more_than_three_years_ahead_is_refused()
    {
        var e = Start(_playbook, Customer(), services: [ServiceNames.Teams]);
        var ex = Assert.Throws<DomainException>(() =>
            e.SetWorkloadStatus(ServiceNames.Teams, "In Progress", "Migration", "", new DateOnly(2199, 1, 1), null, "fm", Now));
        Assert.Equal($"A planned date is at most three years from today (until {Today.AddYears(3):yyyy-MM-dd}).", ex.Message);
        Assert.Null(e.Service(ServiceNames.Teams).WorkloadL1);
        e.SetWorkloadStatus(ServiceNames.Teams, "In Progress", "Migration", "", Today.AddYears(3), null, "fm", Now);
    }
}

public class GateWordingTests
{
    [Fact]
    public void One_blocking_task_is_said_in_the_singular()
    {
        var playbook = Build();
        var e = Start(playbook, Customer());
        Complete(e, 3616);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(playbook.Processes.Single(p => p.NameEn == "Conduct Customer Success Workshop").Id, playbook, null, "fm", Now));
        Assert.Equal("1 mandatory task blocks the move to Assess: 994 Conduct Initiate/Kickoff Meeting(s)", ex.Message);
    }
}
