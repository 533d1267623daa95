using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Engagements;

public class EngagementHandlerTests
{
    [Fact]
    public async Task Creating_an_engagement_generates_the_kickoff_checklist_creates_the_partner_and_audits_it()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync(), EngagementMotionInput.Rfa, ServiceNames.Teams, ServiceNames.SharePoint);
        var e = await f.LoadAsync(id);
        Assert.Equal("Initiate", e.CurrentPhase.NameEn);
        Assert.Equal([983, 994, 1904, 3616, 3979], e.Tasks.Select(t => t.FtopId).Order());
        Assert.Equal(new DateOnly(2026, 11, 4), e.FirstContactDueOn);
        await using var db = f.Context();
        Assert.Equal("Fabrikam Partners", (await db.Engagements.Where(x => x.Id == id).Select(x => x.PartnerOrganisation!.Name).SingleAsync()));
        Assert.Equal(3, await db.Set<EngagementStep>().CountAsync(s => s.EngagementId == id));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == AuditEntities.Engagement && a.EntityId == id.ToString());
        Assert.Equal("EngagementCreated", audit.Action);
        Assert.Equal("fm@example.com", audit.UserName);
    }

    [Fact]
    public async Task A_refused_move_changes_nothing_and_names_the_blocking_tasks()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var ex = await Assert.ThrowsAsync<DomainException>(() => f.MoveAsync(id, "Conduct Customer Success Workshop"));
        Assert.Equal("2 mandatory tasks block the move to Assess: 994 Conduct Initiate/Kickoff Meeting(s), 3616 Complete Initial customer outreach", ex.Message);
        var e = await f.LoadAsync(id);
        Assert.Equal(("Initiate", 0), (e.CurrentPhase.NameEn, e.Version));
        Assert.DoesNotContain(e.Tasks, t => t.FtopId == 2536);
        await using var db = f.Context();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == AuditEntities.Engagement));
    }

    [Fact]
    public async Task An_override_is_recorded_and_audited()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        await f.MoveAsync(id, "Conduct Customer Success Workshop", "Kickoff done by phone");
        var e = await f.LoadAsync(id);
        Assert.Equal("Assess", e.CurrentPhase.NameEn);
        Assert.Equal("Kickoff done by phone", Assert.Single(e.Overrides).Reason);
        await using var db = f.Context();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "GateOverridden");
    }

    [Fact]
    public async Task Task_work_keeps_the_rfa_first_contact_flag_and_the_rest_of_the_checklist()
    {
        // A task change loads only the task and the first-contact tasks (EngagementStore.LoadForTaskWorkAsync): the flag
        // derived from them stays right whichever task changes, and no other task is touched.
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync(), EngagementMotionInput.Rfa, ServiceNames.Teams);
        async Task SetAsync(int ftop, EngagementTaskStatus status)
        {
            var task = (await f.LoadAsync(id)).Tasks.Single(t => t.FtopId == ftop);
            await f.Send(new SetTaskStatus.Command { EngagementId = id, TaskId = task.Id, Version = task.Version, Status = status, Reason = "r" });
        }

        await SetAsync(PlaybookNames.FirstContactTask, EngagementTaskStatus.Completed);
        Assert.True((await f.LoadAsync(id)).FirstContactDone);
        var before = (await f.LoadAsync(id)).Tasks.Where(t => t.FtopId != 994).Select(t => (t.FtopId, t.Status, t.Version)).ToList();
        await SetAsync(994, EngagementTaskStatus.Completed);
        var after = await f.LoadAsync(id);
        Assert.True(after.FirstContactDone);
        Assert.Equal(EngagementTaskStatus.Completed, after.Tasks.Single(t => t.FtopId == 994).Status);
        Assert.Equal(before, after.Tasks.Where(t => t.FtopId != 994).Select(t => (t.FtopId, t.Status, t.Version)).ToList());
        await SetAsync(PlaybookNames.FirstContactTask, EngagementTaskStatus.InProgress);
        Assert.False((await f.LoadAsync(id)).FirstContactDone);
        await SetAsync(994, EngagementTaskStatus.Blocked);
        Assert.False((await f.LoadAsync(id)).FirstContactDone);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_nothing_is_lost()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var task = (await f.LoadAsync(id)).Tasks.Single(t => t.FtopId == 994);
        await f.Send(new SetTaskStatus.Command { EngagementId = id, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Completed, Note = "first" });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => f.Send(new SetTaskStatus.Command
        {
            EngagementId = id, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Blocked, Reason = "second",
        }));
        Assert.Equal("first", (await f.LoadAsync(id)).Tasks.Single(t => t.FtopId == 994).CompletionNote);

        var e = await f.LoadAsync(id);
        await f.Send(new EditEngagement.Command { Id = id, Version = e.Version, ManagerId = f.Fm.Id!, Services = [ServiceNames.Teams, ServiceNames.SharePoint], AssignedOn = e.AssignedOn });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => f.Send(new EditEngagement.Command
        {
            Id = id, Version = e.Version, ManagerId = f.Fm.Id!, Services = [ServiceNames.Teams, ServiceNames.SharePoint, ServiceNames.Yammer], AssignedOn = e.AssignedOn,
        }));
        Assert.Equal([ServiceNames.SharePoint, ServiceNames.Teams], (await f.LoadAsync(id)).Services.Select(s => s.Service).Order());
        Assert.Contains((await f.LoadAsync(id)).Tasks, t => t.FtopId == 1904); // added with SharePoint
    }

    [Fact]
    public async Task Usage_validation_names_the_field_for_users_above_seats_negative_and_early_dates()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var above = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = EngagementFixture.Assigned, ActiveUsers = 1001 }));
        Assert.Equal("ActiveUsers", Assert.Single(above.Errors).PropertyName);
        Assert.Equal("Active users cannot exceed the customer's 1000 seats.", above.Errors.Single().ErrorMessage);
        var negative = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = EngagementFixture.Assigned, ActiveUsers = -1 }));
        Assert.Equal("Active users cannot be negative.", Assert.Single(negative.Errors).ErrorMessage);
        var early = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = EngagementFixture.Assigned.AddDays(-1), ActiveUsers = 5 }));
        Assert.Equal("On", Assert.Single(early.Errors).PropertyName);
        await f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = EngagementFixture.Assigned.AddDays(7), ActiveUsers = 55 });
        Assert.Equal(55, (await f.LoadAsync(id)).Services.Single(s => s.Service == ServiceNames.Teams).LatestActiveUsers);
    }

    [Fact]
    public async Task A_whole_engagement_runs_to_a_closed_success_review_and_the_timeline_has_every_change()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync(csm: true), EngagementMotionInput.Targeting, ServiceNames.Teams);
        await f.CompleteAsync(id, 3616, 994);
        await f.MoveAsync(id, "Conduct Customer Success Workshop");
        await f.CompleteAsync(id, 2536);
        await f.MoveAsync(id, "Support Success Execution");
        Assert.Contains((await f.LoadAsync(id)).Tasks, t => t.FtopId == 3731); // CSM handshake for Teams
        var refused = await Assert.ThrowsAsync<DomainException>(() => f.MoveAsync(id, "Conduct Success Review"));
        Assert.Contains("Teams 0/1000 (100 users short of 10%)", refused.Message);
        await f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = new DateOnly(2026, 11, 20), ActiveUsers = 120 });
        await f.Send(new SetWorkloadStatus.Command { EngagementId = id, Service = ServiceNames.Teams, Code = "In Progress|Solution or User Adoption|", TargetOn = new DateOnly(2026, 12, 31) });
        await f.Send(new AddNote.Command { EngagementId = id, Service = ServiceNames.Teams, Text = "Champions programme launched" });
        await f.MoveAsync(id, "Conduct Success Review");
        var e = await f.LoadAsync(id);
        await f.Send(new CompleteSuccessReview.Command { EngagementId = id, Version = e.Version, Outcome = SuccessReviewOutcome.HandToCsm, Note = "CSM takes over" });
        e = await f.LoadAsync(id);
        Assert.Equal((EngagementState.Completed, SuccessReviewOutcome.HandToCsm), (e.State, e.Outcome));
        Assert.Equal(new DateOnly(2026, 11, 23), e.ClosedOn);

        var view = await f.Send(new GetEngagement.Query(id));
        Assert.Equal(["SuccessReviewCompleted", "PhaseMoved", "NoteAdded", "WorkloadStatusSet", "UsageRecorded", "PhaseMoved", "TaskStatusChanged", "PhaseMoved",
            "TaskStatusChanged", "TaskStatusChanged", "EngagementCreated"], view.Timeline.Select(a => a.Action));
        Assert.All(view.Timeline, a => Assert.Equal("fm", a.UserName)); // the display name, not the sign-in e-mail
    }

    [Fact]
    public async Task Expanding_scope_starts_cycle_two_on_the_same_engagement()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync(), EngagementMotionInput.CustomerHealth, ServiceNames.Teams);
        await f.MoveAsync(id, "Conduct Customer Success Workshop", "test");
        await f.MoveAsync(id, "Support Success Execution", "test");
        await f.MoveAsync(id, "Conduct Success Review", "test");
        var e = await f.LoadAsync(id);
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new CompleteSuccessReview.Command { EngagementId = id, Version = e.Version, Outcome = SuccessReviewOutcome.EnableAdditionalWorkloads }));
        Assert.Equal("Choose the services to enable in the new cycle.", Assert.Single(invalid.Errors).ErrorMessage);
        await f.Send(new CompleteSuccessReview.Command { EngagementId = id, Version = e.Version, Outcome = SuccessReviewOutcome.EnableAdditionalWorkloads, AddedServices = [ServiceNames.SharePoint] });
        e = await f.LoadAsync(id);
        Assert.Equal((2, EngagementState.Active, "Initiate"), (e.Cycle, e.State, e.CurrentPhase.NameEn));
        Assert.Contains(e.Tasks, t => t.Cycle == 2 && t.FtopId == 1904);
        Assert.Contains(e.Tasks, t => t.Cycle == 1 && t.FtopId == 3735 && t.Status == EngagementTaskStatus.Completed);
        Assert.Equal(3, e.Overrides.Count);
    }

    [Fact]
    public async Task Retiring_a_catalogue_task_keeps_it_on_engagements_that_have_it()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        await using (var db = f.Context())
        {
            var quickLeads = await db.CatalogueTasks.AsTracking().SingleAsync(t => t.FtopId == 983);
            quickLeads.Retire();
            await db.SaveChangesAsync();
        }
        Assert.Contains((await f.LoadAsync(id)).Tasks, t => t.FtopId == 983);
        var second = await f.EngagementAsync(await f.CustomerAsync("Northwind"));
        Assert.DoesNotContain((await f.LoadAsync(second)).Tasks, t => t.FtopId == 983);
    }

    [Fact]
    public async Task The_list_filters_searches_sorts_and_pages()
    {
        await using var f = await EngagementFixture.CreateAsync();
        for (var i = 0; i < 23; i++) await f.EngagementAsync(await f.CustomerAsync($"Customer{i:00}"), EngagementMotionInput.Targeting);
        var rfa = await f.EngagementAsync(await f.CustomerAsync("Tailspin"), EngagementMotionInput.Rfa, ServiceNames.SharePoint);

        var page1 = await f.Send(new ListEngagements.Query { Sort = "customer" });
        Assert.Equal((24, 2, ListEngagements.PageSize), (page1.Total, page1.Pages, page1.Items.Count));
        Assert.Equal("Customer00", page1.Items[0].Customer);
        var page2 = await f.Send(new ListEngagements.Query { Sort = "customer", Page = 2 });
        Assert.Equal(4, page2.Items.Count);
        Assert.Equal(rfa, Assert.Single((await f.Send(new ListEngagements.Query { Motion = EngagementMotion.Rfa })).Items).Id);
        Assert.Equal(rfa, Assert.Single((await f.Send(new ListEngagements.Query { Service = ServiceNames.SharePoint })).Items).Id);
        Assert.Equal(rfa, Assert.Single((await f.Send(new ListEngagements.Query { Search = "tailSPIN" })).Items).Id);
        Assert.Equal(24, (await f.Send(new ListEngagements.Query { ManagerId = f.Fm.Id, State = EngagementState.Active })).Total);
        Assert.Equal(0, (await f.Send(new ListEngagements.Query { State = EngagementState.Completed })).Total);
    }

    [Fact]
    public async Task The_portfolio_counts_phases_overdue_first_contacts_blocked_workloads_low_usage_and_ready_reviews()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var rfa = await f.EngagementAsync(await f.CustomerAsync("Tailspin"), EngagementMotionInput.Rfa); // assigned 2 Nov, due 4 Nov, today 23 Nov
        var ready = await f.EngagementAsync(await f.CustomerAsync("Contoso"));
        await f.MoveAsync(ready, "Conduct Customer Success Workshop", "x");
        await f.MoveAsync(ready, "Support Success Execution", "x");
        await f.Send(new RecordUsage.Command { EngagementId = ready, Service = ServiceNames.Teams, On = new DateOnly(2026, 11, 20), ActiveUsers = 100 });
        await f.Send(new SetWorkloadStatus.Command { EngagementId = rfa, Service = ServiceNames.Teams, Code = "Blocked|Legal/Regulatory|Legal", Note = "Works council" });

        var p = await f.Send(new GetPortfolio.Query(false));
        Assert.Equal([1, 0, 1], p.Phases.Select(x => x.Count));
        Assert.Equal(rfa, Assert.Single(p.OverdueFirstContacts.Rows).EngagementId);
        Assert.Equal(rfa, Assert.Single(p.BlockedWorkloads.Rows).EngagementId);
        Assert.Equal(rfa, Assert.Single(p.BelowGoal.Rows).EngagementId);
        Assert.Equal(ready, Assert.Single(p.ReadyForReview.Rows).EngagementId);

        var other = new TestUser(await f.CreateUserAsync("other@example.com", Roles.FastTrackManager), "other@example.com", Roles.FastTrackManager);
        Assert.Equal(0, (await f.Send(new GetPortfolio.Query(false), other)).Phases.Sum(x => x.Count));
        Assert.Equal(2, (await f.Send(new GetPortfolio.Query(true), other)).Phases.Sum(x => x.Count));
    }

    [Fact]
    public async Task Only_an_admin_adds_a_partner_organisation_by_naming_it_on_an_engagement()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var customer = await f.CustomerAsync("Litware");
        var command = new CreateEngagement.Command
        {
            CustomerId = customer, ManagerId = f.Fm.Id!, Motion = Domain.Engagements.EngagementMotion.Targeting,
            Services = [ServiceNames.Teams], AssignedOn = EngagementFixture.Assigned, PartnerName = "Brand New Partners",
        };
        var refused = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => f.Send(command));
        Assert.Contains(refused.Errors, e => e.PropertyName == "PartnerName");
        await using (var db = f.Context())
            Assert.False(await db.PartnerOrganisations.AnyAsync(p => p.Name == "Brand New Partners"));

        await f.Send(command, TestUser.Admin);
        await using (var db = f.Context())
            Assert.True(await db.PartnerOrganisations.AnyAsync(p => p.Name == "Brand New Partners"));
    }
}
