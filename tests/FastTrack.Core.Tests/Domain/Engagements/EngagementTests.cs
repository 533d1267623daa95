using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

public class EngagementTests
{
    private readonly Playbook _playbook = Build();

    private int ProcessId(string name) => _playbook.Processes.Single(p => p.NameEn == name).Id;
    private int Assess => ProcessId("Conduct Customer Success Workshop");
    private int Execution => ProcessId("Support Success Execution");
    private int Review => ProcessId("Conduct Success Review");

    /// <summary>An engagement in Support Success Execution with every mandatory task done.</summary>
    private Engagement InExecution(bool csm = false, params string[] services)
    {
        var e = Start(_playbook, Customer(csm), services: services.Length > 0 ? services : [ServiceNames.Teams]);
        Complete(e, 3616, 994);
        e.MoveTo(Assess, _playbook, null, "fm", Now);
        Save(e);
        foreach (var t in e.Tasks.Where(t => t.Cycle == e.Cycle && t.PhaseId == e.CurrentPhaseId && t.Mandatory)) Complete(e, t.FtopId);
        e.MoveTo(Execution, _playbook, null, "fm", Now);
        Save(e);
        return e;
    }

    private Engagement InReview(params string[] services) => InReview(false, services);

    private Engagement InReview(bool csm, params string[] services)
    {
        var e = InExecution(csm, services);
        foreach (var s in e.Services) e.RecordUsage(s.Service, Today, 100, "fm", Now, Today);
        foreach (var t in e.Tasks.Where(t => t.Cycle == e.Cycle && t.ProcessId == Execution && t.Mandatory)) Complete(e, t.FtopId);
        e.MoveTo(Review, _playbook, null, "fm", Now);
        return e;
    }

    [Fact]
    public void Starts_in_initiate_with_its_checklist()
    {
        var e = Start(_playbook, Customer(), services: [ServiceNames.Teams, ServiceNames.SharePoint]);
        Assert.Equal("Initiate", e.CurrentPhase.NameEn);
        Assert.Equal("Conduct Customer Kickoff", e.CurrentProcess.NameEn);
        Assert.Equal([983, 994, 1904, 3616, 3979], e.Tasks.Select(t => t.FtopId).Order());
        Assert.All(e.Tasks, t => Assert.Equal(EngagementTaskStatus.NotStarted, t.Status));
        Assert.Equal(3, e.Steps.Count);
    }

    [Fact]
    public void Refuses_assess_while_mandatory_tasks_are_open_and_lists_each_by_id_and_name()
    {
        var e = Start(_playbook, Customer());
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Assess, _playbook, null, "fm", Now));
        Assert.Equal("2 mandatory tasks block the move to Assess: 994 Conduct Initiate/Kickoff Meeting(s), 3616 Complete Initial customer outreach", ex.Message);
        Assert.Equal("Initiate", e.CurrentPhase.NameEn);
        Assert.Equal(0, e.Version);
    }

    [Fact]
    public void Not_applicable_passes_the_gate_and_optional_tasks_never_block()
    {
        var e = Start(_playbook, Customer());
        Complete(e, 994);
        e.SetTaskStatus(TaskOf(e, 3616).Id, EngagementTaskStatus.NotApplicable, "Customer called us first", null, "fm", Now);
        var moved = e.MoveTo(Assess, _playbook, null, "fm", Now);
        Assert.NotNull(moved);
        Assert.Null(moved!.Override);
        Assert.Equal("Assess", e.CurrentPhase.NameEn);
        Assert.Contains(e.Tasks, t => t.FtopId == 2536);
        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 983).Status);
    }

    [Fact]
    public void Blocked_does_not_pass_the_gate()
    {
        var e = Start(_playbook, Customer());
        Complete(e, 994);
        e.SetTaskStatus(TaskOf(e, 3616).Id, EngagementTaskStatus.Blocked, "No answer", null, "fm", Now);
        Assert.Throws<DomainException>(() => e.MoveTo(Assess, _playbook, null, "fm", Now));
    }

    [Fact]
    public void Repeating_a_move_is_a_no_op_and_skipping_a_step_is_refused()
    {
        var e = Start(_playbook, Customer());
        Complete(e, 994, 3616);
        e.MoveTo(Assess, _playbook, null, "fm", Now);
        var version = e.Version;
        Assert.Null(e.MoveTo(Assess, _playbook, null, "fm", Now));
        Assert.Equal(version, e.Version);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Review, _playbook, null, "fm", Now));
        Assert.Contains("one step at a time", ex.Message);
    }

    [Fact]
    public void An_override_with_a_reason_moves_and_records_the_blockers()
    {
        var e = Start(_playbook, Customer());
        var moved = e.MoveTo(Assess, _playbook, "Kickoff held offline; FTOP catches up next week", "fm", Now);
        Assert.Equal("Assess", e.CurrentPhase.NameEn);
        var o = Assert.Single(e.Overrides);
        Assert.Same(o, moved!.Override);
        Assert.Equal("Kickoff held offline; FTOP catches up next week", o.Reason);
        Assert.Contains("994 Conduct Initiate/Kickoff Meeting(s)", o.Blockers);
        Assert.Contains("3616", o.Blockers);
    }

    [Fact]
    public void Within_success_the_gate_to_the_review_counts_the_execution_tasks_only()
    {
        var e = InExecution(false, ServiceNames.OneDrive);
        e.RecordUsage(ServiceNames.OneDrive, Today, 100, "fm", Now, Today);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Review, _playbook, null, "fm", Now));
        Assert.Equal("2 mandatory tasks block the move to Conduct Success Review: 3740 OneDrive - Conduct OneDrive Adoption Program Introduction, 3741 OneDrive - Perform OneDrive Adoption Workshop", ex.Message);
        Complete(e, 3740, 3741);
        e.MoveTo(Review, _playbook, null, "fm", Now);
        Assert.Equal("Conduct Success Review", e.CurrentProcess.NameEn);
        Assert.Equal("Success", e.CurrentPhase.NameEn);
    }

    [Fact]
    public void Success_review_entry_needs_ten_percent_on_every_service_and_gives_the_gap_per_service()
    {
        var e = InExecution(false, ServiceNames.Teams, ServiceNames.SharePoint);
        e.RecordUsage(ServiceNames.Teams, Today, 100, "fm", Now, Today);
        e.RecordUsage(ServiceNames.SharePoint, Today, 65, "fm", Now, Today);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Review, _playbook, null, "fm", Now));
        Assert.Equal("1 service is short of the goal for the success review (10% active usage or a met success criterion): SharePoint 65/1000 (35 users short of 10%)", ex.Message);
        Assert.Equal("Support Success Execution", e.CurrentProcess.NameEn);
    }

    [Fact]
    public void A_service_without_usage_is_short_by_its_whole_goal()
    {
        var e = InExecution(false, ServiceNames.Teams);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Review, _playbook, null, "fm", Now));
        Assert.Contains("Teams 0/1000 (100 users short of 10%)", ex.Message);
    }

    [Fact]
    public void A_met_customer_defined_success_criterion_replaces_the_ten_percent()
    {
        var e = InExecution(false, ServiceNames.Teams, ServiceNames.SharePoint);
        e.RecordUsage(ServiceNames.Teams, Today, 100, "fm", Now, Today);
        e.RecordUsage(ServiceNames.SharePoint, Today, 65, "fm", Now, Today);
        var plan = new ServicePlan(null, null, null, null, SsatStatus.InPlace, null, SsatStatus.InPlace, null, SsatStatus.InPlace, null,
            SsatStatus.InPlace, null, "All sales teams share proposals on SharePoint", SuccessCriterionMet: false);
        e.SaveServicePlan(ServiceNames.SharePoint, plan);
        Assert.Throws<DomainException>(() => e.MoveTo(Review, _playbook, null, "fm", Now)); // recorded but not met
        e.SaveServicePlan(ServiceNames.SharePoint, plan with { SuccessCriterionMet = true });
        e.MoveTo(Review, _playbook, null, "fm", Now);
        Assert.Equal("Conduct Success Review", e.CurrentProcess.NameEn);
    }

    [Fact]
    public void Success_review_entry_can_be_overridden_with_a_reason()
    {
        var e = InExecution(false, ServiceNames.Teams);
        e.MoveTo(Review, _playbook, "Customer asked for the review now", "fm", Now);
        Assert.Contains("Teams 0/1000", Assert.Single(e.Overrides).Blockers);
    }

    [Fact]
    public void Completing_task_3735_needs_the_review_form_with_an_outcome()
    {
        var e = InReview(ServiceNames.Teams);
        var ex = Assert.Throws<DomainException>(() => Complete(e, 3735));
        Assert.Contains("outcome", ex.Message);
    }

    [Theory]
    [InlineData(SuccessReviewOutcome.ContinueBusinessValueDiscussions, EngagementState.Completed)]
    [InlineData(SuccessReviewOutcome.HandToCsm, EngagementState.Completed)]
    [InlineData(SuccessReviewOutcome.Disengage, EngagementState.Disengaged)]
    public void Each_closing_outcome_closes_the_engagement(SuccessReviewOutcome outcome, EngagementState state)
    {
        var e = InReview(csm: true, ServiceNames.SharePoint);
        e.CompleteSuccessReview(outcome, "Review held with the CIO", [], _playbook, "fm", Now, Today);
        Assert.Equal(state, e.State);
        Assert.Equal(outcome, e.Outcome);
        Assert.Equal(Today, e.ClosedOn);
        var review = TaskOf(e, 3735);
        Assert.Equal(EngagementTaskStatus.Completed, review.Status);
        Assert.Equal("fm", review.CompletedBy);
        Assert.Equal("Review held with the CIO", review.CompletionNote);
        var ex = Assert.Throws<DomainException>(() => e.SetTaskStatus(review.Id, EngagementTaskStatus.InProgress, null, null, "fm", Now));
        Assert.Contains("closed", ex.Message);
    }

    [Fact]
    public void Handing_ongoing_adoption_to_the_csm_needs_a_csm()
    {
        var e = InReview(ServiceNames.Teams);
        var ex = Assert.Throws<DomainException>(() => e.CompleteSuccessReview(SuccessReviewOutcome.HandToCsm, null, [], _playbook, "fm", Now, Today));
        Assert.Equal(CsmHandshakeRule.NoCsmForHandover, ex.Message);
        Assert.Equal(EngagementState.Active, e.State);
        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 3735).Status);
    }

    [Fact]
    public void Enabling_additional_workloads_needs_a_new_service()
    {
        var e = InReview(ServiceNames.Teams);
        var ex = Assert.Throws<DomainException>(() => e.CompleteSuccessReview(SuccessReviewOutcome.EnableAdditionalWorkloads, null, [ServiceNames.Teams], _playbook, "fm", Now, Today));
        Assert.Contains("at least one new service", ex.Message);
        Assert.Equal(EngagementTaskStatus.NotStarted, TaskOf(e, 3735).Status);
    }

    [Fact]
    public void Expanding_scope_starts_a_new_cycle_at_initiate_with_the_added_services_and_keeps_the_history()
    {
        var e = InReview(ServiceNames.Teams);
        var before = e.Tasks.Count;
        e.CompleteSuccessReview(SuccessReviewOutcome.EnableAdditionalWorkloads, null, [ServiceNames.SharePoint], _playbook, "fm", Now, Today);
        Assert.Equal(EngagementState.Active, e.State);
        Assert.Equal(2, e.Cycle);
        Assert.Equal("Initiate", e.CurrentPhase.NameEn);
        Assert.Equal([ServiceNames.Teams, ServiceNames.SharePoint], e.ServiceNames);
        Assert.Equal(2, e.Services.Single(s => s.Service == ServiceNames.SharePoint).AddedInCycle);
        Assert.Equal(before, e.Tasks.Count(t => t.Cycle == 1));
        Assert.Equal(EngagementTaskStatus.Completed, e.Tasks.Single(t => t.Cycle == 1 && t.FtopId == 3735).Status);
        Assert.Equal([983, 994, 1904, 3616, 3979], e.Tasks.Where(t => t.Cycle == 2).Select(t => t.FtopId).Order());
        Assert.All(e.Tasks.Where(t => t.Cycle == 2), t => Assert.Equal(EngagementTaskStatus.NotStarted, t.Status));
        Save(e);
        var ex = Assert.Throws<DomainException>(() => e.MoveTo(Assess, _playbook, null, "fm", Now));
        Assert.StartsWith("2 mandatory tasks block", ex.Message); // the new cycle's gate counts the new cycle's tasks
    }

    [Fact]
    public void Adding_a_service_adds_its_tasks_and_keeps_the_existing_ones()
    {
        var e = Start(_playbook, Customer(csm: true));
        Complete(e, 994);
        e.Edit("fm-1", null, EngagementMotion.CustomerHealth, [ServiceNames.Teams, ServiceNames.SharePoint],
            new EngagementDates(e.AssignedOn, null, null, null), _playbook);
        Assert.Contains(e.Tasks, t => t.FtopId == 1904);
        Assert.Equal(EngagementTaskStatus.Completed, TaskOf(e, 994).Status);
        Assert.Single(e.Tasks, t => t.FtopId == 994);
    }

    [Fact]
    public void Services_cannot_be_removed()
    {
        var e = Start(_playbook, Customer(), services: [ServiceNames.Teams, ServiceNames.SharePoint]);
        var ex = Assert.Throws<DomainException>(() => e.Edit("fm-1", null, EngagementMotion.CustomerHealth, [ServiceNames.Teams],
            new EngagementDates(e.AssignedOn, null, null, null), _playbook));
        Assert.Contains("SharePoint", ex.Message);
    }

    [Fact]
    public void The_csm_handshake_is_on_the_checklist_when_success_starts_with_a_csm()
    {
        var with = InExecution(true, ServiceNames.Teams, ServiceNames.OutlookMobile);
        Assert.Contains(with.Tasks, t => t.FtopId == 3731);
        Assert.Contains(with.Tasks, t => t.FtopId == 3733);
        Assert.Equal([ServiceNames.OutlookMobile, ServiceNames.Teams],
            with.Steps.Single(s => s.Section.NameEn == "Schedule Success Check-in Meetings").NotApplicableFor);
        var without = InExecution(false, ServiceNames.Teams);
        Assert.DoesNotContain(without.Tasks, t => CsmHandshakeRule.IsHandshakeTask(t.FtopId));
    }

    [Fact]
    public void Completing_records_who_when_and_note_and_reopening_is_recorded()
    {
        var e = Start(_playbook, Customer());
        var task = TaskOf(e, 994);
        e.SetTaskStatus(task.Id, EngagementTaskStatus.Completed, null, "Kickoff with IT and HR", "aiko", Now);
        Assert.Equal(("aiko", Now.UtcDateTime, "Kickoff with IT and HR"), (task.CompletedBy, task.CompletedAt!.Value, task.CompletionNote));
        var changes = e.SetTaskStatus(task.Id, EngagementTaskStatus.InProgress, null, null, "ben", Now.AddHours(1));
        Assert.Contains(changes, c => c.Field == "Status" && c.Before == "Completed" && c.After == "In progress");
        Assert.Equal("ben", task.ReopenedBy);
        Assert.Null(task.CompletedBy);
        Assert.Equal(2, task.Version);
    }

    [Theory]
    [InlineData(EngagementTaskStatus.NotApplicable)]
    [InlineData(EngagementTaskStatus.Blocked)]
    public void Not_applicable_and_blocked_need_a_reason(EngagementTaskStatus status)
    {
        var e = Start(_playbook, Customer());
        var ex = Assert.Throws<DomainException>(() => e.SetTaskStatus(TaskOf(e, 994).Id, status, " ", null, "fm", Now));
        Assert.Contains("reason", ex.Message);
    }

    [Fact]
    public void Rfa_engagement_is_overdue_until_first_contact_is_completed()
    {
        var friday = new DateOnly(2026, 11, 20);
        var e = Start(_playbook, Customer(), EngagementMotion.Rfa, friday);
        Assert.Equal(new DateOnly(2026, 11, 24), e.FirstContactDueOn);
        Assert.False(e.IsFirstContactOverdue(new DateOnly(2026, 11, 24)));
        Assert.True(e.IsFirstContactOverdue(new DateOnly(2026, 11, 25)));
        Complete(e, 3616);
        Assert.False(e.IsFirstContactOverdue(new DateOnly(2026, 11, 25)));
        Assert.Null(Start(_playbook, Customer(), EngagementMotion.Targeting, friday).FirstContactDueOn);
    }

    [Fact]
    public void Usage_is_refused_above_seats_before_assignment_or_in_the_future_and_history_is_kept()
    {
        var e = Start(_playbook, Customer(false, (ServiceNames.Teams, 500)));
        Assert.Contains("cannot exceed", Assert.Throws<DomainException>(() => e.RecordUsage(ServiceNames.Teams, Today, 501, "fm", Now, Today)).Message);
        Assert.Contains("before the engagement", Assert.Throws<DomainException>(() => e.RecordUsage(ServiceNames.Teams, e.AssignedOn.AddDays(-1), 5, "fm", Now, Today)).Message);
        Assert.Contains("future", Assert.Throws<DomainException>(() => e.RecordUsage(ServiceNames.Teams, Today.AddDays(1), 5, "fm", Now, Today)).Message);
        e.RecordUsage(ServiceNames.Teams, Today, 40, "fm", Now, Today);
        e.RecordUsage(ServiceNames.Teams, Today.AddDays(-7), 20, "fm", Now, Today); // an older figure keeps the latest
        Assert.Equal(2, e.UsageRecords.Count);
        Assert.Equal(40, e.Service(ServiceNames.Teams).LatestActiveUsers);
        Assert.Equal(500, e.Service(ServiceNames.Teams).LatestSeats);
    }

    [Fact]
    public void Workload_status_uses_ftop_codes_in_progress_needs_a_date_and_blocked_a_note()
    {
        var e = Start(_playbook, Customer());
        Assert.Contains("FTOP's list", Assert.Throws<DomainException>(() => e.SetWorkloadStatus(ServiceNames.Teams, "Blocked", "Made up", "", null, "x", "fm", Now)).Message);
        Assert.Contains("target date", Assert.Throws<DomainException>(() => e.SetWorkloadStatus(ServiceNames.Teams, "In Progress", "Migration", "", null, null, "fm", Now)).Message);
        Assert.Contains("note", Assert.Throws<DomainException>(() => e.SetWorkloadStatus(ServiceNames.Teams, "Blocked", "Legal/Regulatory", "Legal", null, " ", "fm", Now)).Message);
        e.SetWorkloadStatus(ServiceNames.Teams, "In Progress", "Migration", "", Today.AddDays(30), null, "fm", Now);
        e.SetWorkloadStatus(ServiceNames.Teams, "Blocked", "Legal/Regulatory", "Legal", null, "Works council review", "fm", Now);
        Assert.Equal(2, e.WorkloadStatuses.Count);
        Assert.Equal("Blocked", e.Service(ServiceNames.Teams).WorkloadL1);
    }

    [Fact]
    public void Enterprise_means_more_than_20000_licences()
    {
        Assert.False(Customer(false, (ServiceNames.Teams, 20_000)).IsEnterprise);
        Assert.True(Customer(false, (ServiceNames.Teams, 20_001)).IsEnterprise);
    }
}
