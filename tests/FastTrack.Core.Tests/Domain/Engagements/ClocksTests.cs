using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

public class ClocksTests
{
    private readonly Playbook _playbook = Build();
    private static readonly ClockSettings Defaults = new();
    private static readonly DateOnly Assigned = new(2026, 11, 2); // a Monday

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    private static WorkloadStatusCode Code(string l1) => WorkloadStatusCodes.All.First(c => c.L1 == l1);

    private static ClockReading? Clock(Engagement e, DateOnly today, ClockKind kind, ClockSettings? settings = null) =>
        Clocks.Evaluate(e, today, settings ?? Defaults).Running.SingleOrDefault(c => c.Kind == kind);

    [Fact]
    public void RFA_first_contact_is_due_two_business_days_after_assignment_and_stops_when_3616_is_completed()
    {
        var e = Start(_playbook, Customer(), EngagementMotion.Rfa, Assigned);
        var c = Clock(e, new DateOnly(2026, 11, 4), ClockKind.RfaFirstContact)!;
        Assert.Equal((Assigned, new DateOnly(2026, 11, 4), false), (c.Since, c.DueOn, c.Overdue));
        Assert.True(Clock(e, new DateOnly(2026, 11, 5), ClockKind.RfaFirstContact)!.Overdue);
        Assert.Equal(e.IsFirstContactOverdue(new DateOnly(2026, 11, 5)), Clock(e, new DateOnly(2026, 11, 5), ClockKind.RfaFirstContact)!.Overdue);
        Complete(e, 3616);
        Assert.Null(Clock(e, new DateOnly(2026, 11, 5), ClockKind.RfaFirstContact));
        Assert.Null(Clock(Start(_playbook, Customer(), EngagementMotion.CustomerHealth, Assigned), new DateOnly(2026, 11, 5), ClockKind.RfaFirstContact));
    }

    [Fact]
    public void In_progress_is_overdue_the_day_after_its_committed_target()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned);
        var code = Code(WorkloadStatusCodes.InProgress);
        e.SetWorkloadStatus(ServiceNames.Teams, code.L1, code.L2, code.L3, new DateOnly(2026, 12, 10), null, "fm", At(new DateOnly(2026, 11, 20)));
        Assert.False(Clock(e, new DateOnly(2026, 12, 10), ClockKind.InProgressPastTarget)!.Overdue);
        Assert.True(Clock(e, new DateOnly(2026, 12, 11), ClockKind.InProgressPastTarget)!.Overdue);
        // The FM moves the committed target: the clock follows it.
        var changes = e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 20), "Licences arrive later.", new DateOnly(2026, 12, 1));
        Assert.Equal([new FieldChange("Target date", "2026-12-10", "2026-12-20"), new FieldChange("Reason", null, "Licences arrive later.")], changes);
        var c = Clock(e, new DateOnly(2026, 12, 11), ClockKind.InProgressPastTarget)!;
        Assert.Equal((new DateOnly(2026, 12, 20), false), (c.DueOn, c.Overdue));
    }

    [Fact]
    public void Blocked_runs_from_the_block_and_starts_again_at_each_note()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned, services: [ServiceNames.Teams, ServiceNames.SharePoint]);
        var code = Code(WorkloadStatusCodes.Blocked);
        e.SetWorkloadStatus(ServiceNames.Teams, code.L1, code.L2, code.L3, null, "Waiting for licences.", "fm", At(new DateOnly(2026, 11, 23)));
        var c = Clock(e, new DateOnly(2026, 12, 7), ClockKind.BlockedWithoutNote)!;
        Assert.Equal((ServiceNames.Teams, new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 7), false), (c.Service, c.Since, c.DueOn, c.Overdue));
        Assert.True(Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote)!.Overdue);
        Assert.Equal(15, Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote)!.DaysSince(new DateOnly(2026, 12, 8)));

        e.AddNote(ServiceNames.SharePoint, "Another service.", "fm", At(new DateOnly(2026, 12, 1)));
        Assert.True(Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote)!.Overdue);
        e.AddNote(ServiceNames.Teams, "Chased the licences.", "fm", At(new DateOnly(2026, 12, 2)));
        Assert.Equal(new DateOnly(2026, 12, 16), Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote)!.DueOn);
        e.AddNote(null, "Whole engagement.", "fm", At(new DateOnly(2026, 12, 5)));
        Assert.Equal(new DateOnly(2026, 12, 19), Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote)!.DueOn);
        Assert.Equal(new DateOnly(2026, 12, 15), Clock(e, new DateOnly(2026, 12, 8), ClockKind.BlockedWithoutNote, new ClockSettings { BlockedWithoutNoteDays = 10 })!.DueOn);
    }

    [Fact]
    public void No_customer_response_runs_from_the_assigned_date_until_a_contact_is_recorded()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned);
        Assert.False(Clock(e, new DateOnly(2026, 12, 2), ClockKind.NoCustomerResponse)!.Overdue);
        Assert.True(Clock(e, new DateOnly(2026, 12, 3), ClockKind.NoCustomerResponse)!.Overdue);
        Assert.Equal([new FieldChange("Last customer contact", null, "2026-11-20")], e.RecordCustomerContact(new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 3)));
        var c = Clock(e, new DateOnly(2026, 12, 3), ClockKind.NoCustomerResponse)!;
        Assert.Equal((new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 20), false), (c.Since, c.DueOn, c.Overdue));
        Assert.Empty(e.RecordCustomerContact(new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public void A_customer_contact_is_never_in_the_future_nor_before_the_assignment()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned);
        Assert.Equal("The date cannot be in the future.",
            Assert.Throws<DomainException>(() => e.RecordCustomerContact(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 3))).Message);
        Assert.Equal("The date cannot be before the engagement was assigned (2026-11-02).",
            Assert.Throws<DomainException>(() => e.RecordCustomerContact(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 3))).Message);
        Assert.Null(e.LastCustomerContactOn);
    }

    [Fact]
    public void A_target_needs_a_reason_and_lies_in_the_planned_date_window()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned);
        Assert.Throws<DomainException>(() => e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 1), " ", Today));
        Assert.Throws<DomainException>(() => e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 10, 1), "Too early", Today));
        Assert.Throws<DomainException>(() => e.SetServiceTarget(ServiceNames.Teams, Today.AddYears(3).AddDays(1), "Too late", Today));
        Assert.Throws<DomainException>(() => e.SetServiceTarget(ServiceNames.Exchange, new DateOnly(2026, 12, 1), "Not in scope", Today));
        var service = e.Service(ServiceNames.Teams);
        Assert.Equal(0, service.Version);
        e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 1), "Agreed", Today);
        Assert.Equal((new DateOnly(2026, 12, 1), "Agreed", 1), (service.TargetOn, service.TargetReason, service.Version));
        Assert.Empty(e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 1), "Agreed", Today));
    }

    [Fact]
    public void The_success_review_clock_starts_on_entering_Conduct_Success_Review()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned);
        Complete(e, 3616, 994);
        e.MoveTo(_playbook.Processes.Single(p => p.NameEn == "Conduct Customer Success Workshop").Id, _playbook, "x", "fm", Now);
        Save(e);
        e.MoveTo(_playbook.Processes.Single(p => p.NameEn == "Support Success Execution").Id, _playbook, "x", "fm", Now);
        Assert.Null(Clock(e, Today, ClockKind.SuccessReviewNotHeld));
        var entered = new DateOnly(2026, 12, 1);
        e.MoveTo(_playbook.Processes.Single(p => p.NameEn == PlaybookNames.ConductSuccessReview).Id, _playbook, "x", "fm", At(entered));
        Assert.Equal(entered, e.StepEnteredOn);
        Assert.False(Clock(e, entered.AddDays(14), ClockKind.SuccessReviewNotHeld)!.Overdue);
        Assert.True(Clock(e, entered.AddDays(15), ClockKind.SuccessReviewNotHeld)!.Overdue);
    }

    [Fact]
    public void A_closed_engagement_runs_no_clock()
    {
        var e = Start(_playbook, Customer(), EngagementMotion.Rfa, Assigned);
        typeof(Engagement).GetProperty(nameof(Engagement.State))!.SetValue(e, EngagementState.Completed);
        Assert.Empty(Clocks.Evaluate(e, new DateOnly(2027, 6, 1), Defaults).Running);
    }

    [Fact]
    public void Target_flags_read_the_stored_forecast()
    {
        var e = Start(_playbook, Customer(), assigned: Assigned); // Teams: 1,000 seats
        foreach (var (day, users) in new[] { (0, 20), (10, 40), (20, 60) })
            e.RecordUsage(ServiceNames.Teams, Assigned.AddDays(day), users, "fm", Now, Today);
        var forecast = e.RefreshForecast(ServiceNames.Teams, e.UsageRecords.Select(r => (r.On, r.Percent)), 6);
        Assert.Equal(new DateOnly(2026, 12, 12), forecast.Goal10.On); // 2 % + 0.2 a day: day 40
        Assert.Equal((6.0m, new DateOnly(2026, 12, 12)), (e.Service(ServiceNames.Teams).ForecastTrend, e.Service(ServiceNames.Teams).ForecastGoalOn));

        e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 31), "Agreed", Today);
        Assert.Empty(Clocks.Evaluate(e, Today, Defaults).Targets);
        e.SetServiceTarget(ServiceNames.Teams, new DateOnly(2026, 12, 5), "Sooner", Today);
        Assert.Equal([new TargetFlag(ServiceNames.Teams, new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 12), TargetStanding.ForecastSlipped)],
            Clocks.Evaluate(e, Today, Defaults).Targets);
        Assert.Equal(TargetStanding.TargetPassed, Clocks.Evaluate(e, new DateOnly(2026, 12, 6), Defaults).Targets.Single().Standing);
        e.RecordUsage(ServiceNames.Teams, Today, 100, "fm", Now, Today);
        Assert.Empty(Clocks.Evaluate(e, new DateOnly(2026, 12, 6), Defaults).Targets); // 10 % reached
    }

    [Fact]
    public void Settings_that_cannot_work_are_named_by_key()
    {
        Assert.Empty(new ClockSettings().Problems());
        Assert.Equal([("Clocks:NoCustomerResponseDays", "is 0: it must be at least 1"), ("Clocks:ForecastPoints", "is 2: it must be at least 3")],
            new ClockSettings { NoCustomerResponseDays = 0, ForecastPoints = 2 }.Problems());
        Assert.Equal(30, new ClockSettings().DaysFor(ClockKind.NoCustomerResponse));
    }
}
