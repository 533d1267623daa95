using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Audit;
using FastTrack.Features.Customers;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using FastTrack.Tests.Features.Engagements;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Partners;

/// <summary>Partners see their own organisation's engagements only, and change them only when assigned.</summary>
public class PartnerScopeTests
{
    [Fact]
    public async Task A_partner_lists_only_their_organisations_engagements_customers_and_partner_names()
    {
        await using var w = await PartnerWorld.CreateAsync();
        foreach (var p in new[] { w.PartnerAAssigned, w.PartnerANotAssigned })
        {
            var list = await w.Send(new ListEngagements.Query(), p);
            Assert.Equal([w.EngagementA], list.Items.Select(i => i.Id));
            Assert.Equal(1, list.Total);
            Assert.Empty((await w.Send(new ListEngagements.Query { PartnerId = w.OrgB }, p)).Items);
            Assert.Empty((await w.Send(new ListEngagements.Query { Search = "Northwind" }, p)).Items);
            Assert.Equal(["Contoso"], (await w.Send(new ListCustomers.Query(), p)).Items.Select(c => c.Name));
            var lookups = await w.Send(new GetEngagementLookups.Query(), p);
            Assert.Equal(["Alpha Partners"], lookups.Partners.Select(o => o.Text));
            Assert.Equal(["Contoso (contoso.onmicrosoft.com)"], lookups.Customers.Select(c => c.Text));
        }
        Assert.Equal([w.EngagementB], (await w.Send(new ListEngagements.Query(), w.PartnerB)).Items.Select(i => i.Id));
        Assert.Equal(3, (await w.Send(new ListEngagements.Query(), w.Fm)).Total);
    }

    [Fact]
    public async Task Another_organisations_engagement_or_customer_is_not_found()
    {
        await using var w = await PartnerWorld.CreateAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetEngagement.Query(w.EngagementB), w.PartnerAAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetEngagement.Query(w.EngagementNone), w.PartnerAAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetCustomer.Query(w.CustomerB), w.PartnerAAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetEngagement.Query(w.EngagementB), w.PartnerANotAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerB));
        Assert.Equal(w.EngagementA, (await w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerANotAssigned)).Engagement.Id);
    }

    [Fact]
    public async Task The_timeline_a_partner_sees_holds_only_their_engagements_rows_and_the_audit_browser_is_admin_only()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var view = await w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerAAssigned);
        Assert.NotEmpty(view.Timeline);
        Assert.All(view.Timeline, a => Assert.Equal(w.EngagementA.ToString(), a.EntityId));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new BrowseAudit.Query(), w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new BrowseAudit.Query(), w.Fm));
    }

    [Fact]
    public async Task An_assigned_partner_updates_tasks_usage_workload_status_and_notes_and_each_is_audited()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var p = w.PartnerAAssigned;
        var task = (await w.F.LoadAsync(w.EngagementA)).Tasks.First(t => t.FtopId != PlaybookNames.SuccessReviewTask);
        await w.Send(new SetTaskStatus.Command { EngagementId = w.EngagementA, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Completed, Note = "Kickoff held" }, p);
        await w.Send(new RecordUsage.Command { EngagementId = w.EngagementA, Service = ServiceNames.Teams, On = EngagementFixture.Assigned, ActiveUsers = 50 }, p);
        await w.Send(new SetWorkloadStatus.Command { EngagementId = w.EngagementA, Service = ServiceNames.Teams, Code = WorkloadCode(), TargetOn = EngagementFixture.Assigned.AddDays(30) }, p);
        await w.Send(new AddNote.Command { EngagementId = w.EngagementA, Text = "Spoke to the customer" }, p);

        var e = await w.F.LoadAsync(w.EngagementA);
        var done = e.Tasks.Single(t => t.Id == task.Id);
        Assert.Equal(EngagementTaskStatus.Completed, done.Status);
        Assert.Equal("Kickoff held", done.CompletionNote);
        Assert.Equal(p.Name, done.CompletedBy);
        Assert.Single(e.UsageRecords);
        await using var db = w.F.Context();
        var actions = await db.AuditEntries.Where(a => a.UserId == p.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["NoteAdded", "TaskStatusChanged", "UsageRecorded", "WorkloadStatusSet"], actions.Order());
    }

    [Fact]
    public async Task An_unassigned_partner_is_forbidden_and_another_organisations_partner_finds_nothing_and_nothing_changes()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var task = (await w.F.LoadAsync(w.EngagementA)).Tasks.First();
        MediatR.IRequest<MediatR.Unit>[] work =
        [
            new SetTaskStatus.Command { EngagementId = w.EngagementA, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Completed },
            new RecordUsage.Command { EngagementId = w.EngagementA, Service = ServiceNames.Teams, On = EngagementFixture.Assigned, ActiveUsers = 5 },
            new SetWorkloadStatus.Command { EngagementId = w.EngagementA, Service = ServiceNames.Teams, Code = WorkloadCode(), TargetOn = EngagementFixture.Assigned },
            new AddNote.Command { EngagementId = w.EngagementA, Text = "x" },
        ];
        foreach (var request in work)
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(request, w.PartnerANotAssigned));
            await Assert.ThrowsAsync<NotFoundException>(() => w.Send(request, w.PartnerB));
        }
        var e = await w.F.LoadAsync(w.EngagementA);
        Assert.Equal(EngagementTaskStatus.NotStarted, e.Tasks.Single(t => t.Id == task.Id).Status);
        Assert.Empty(e.UsageRecords);
        await using var db = w.F.Context();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.UserId == w.PartnerANotAssigned.Id || a.UserId == w.PartnerB.Id));
    }

    [Fact]
    public async Task Even_an_assigned_partner_may_not_move_override_edit_plan_review_or_assign()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var e = await w.F.LoadAsync(w.EngagementA);
        await using (var db = w.F.Context())
        {
            var assess = await db.Processes.SingleAsync(p => p.NameEn == "Conduct Customer Success Workshop");
            await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new MoveEngagement.Command
                { EngagementId = w.EngagementA, Version = e.Version, TargetProcessId = assess.Id, OverrideReason = "because" }, w.PartnerAAssigned));
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new EditEngagement.Query(w.EngagementA), w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new EditEngagement.Command { Id = w.EngagementA, Version = e.Version, ManagerId = w.Fm.Id!, PartnerName = "Beta Partners" }, w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new SaveServicePlan.Command { EngagementId = w.EngagementA, Service = ServiceNames.Teams }, w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new CompleteSuccessReview.Command { EngagementId = w.EngagementA, Outcome = SuccessReviewOutcome.Disengage }, w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new AssignPartnerStaff.Command { EngagementId = w.EngagementA, UserIds = [w.PartnerANotAssigned.Id!] }, w.PartnerAAssigned));
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new GetPortfolio.Query(true), w.PartnerAAssigned));
        var after = await w.F.LoadAsync(w.EngagementA);
        Assert.Equal(e.Version, after.Version);
        Assert.Equal(e.CurrentProcessId, after.CurrentProcessId);
        Assert.Empty(after.Overrides);
    }

    [Fact]
    public async Task The_page_shows_a_partner_only_the_controls_they_may_use()
    {
        await using var w = await PartnerWorld.CreateAsync();
        Assert.Equal(new GetEngagement.Access(true, true), (await w.Send(new GetEngagement.Query(w.EngagementA), w.Fm)).Access);
        Assert.Equal(new GetEngagement.Access(true, true), (await w.Send(new GetEngagement.Query(w.EngagementA), w.Admin)).Access);
        Assert.Equal(new GetEngagement.Access(false, true), (await w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerAAssigned)).Access);
        Assert.Equal(new GetEngagement.Access(false, false), (await w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerANotAssigned)).Access);
        var home = await w.Send(new GetPartnerHome.Query(), w.PartnerAAssigned);
        Assert.Equal("Alpha Partners", home.Organisation);
        Assert.Equal([(w.EngagementA, true)], home.Engagements.Select(r => (r.Id, r.Assigned)));
    }

    [Fact]
    public async Task Partner_staff_are_assigned_only_from_the_engagements_organisation_and_leave_with_it()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            w.Send(new AssignPartnerStaff.Command { EngagementId = w.EngagementA, UserIds = [w.PartnerB.Id!] }, w.Fm));
        Assert.Contains(refused.Errors, e => e.PropertyName == "UserIds");
        var form = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        Assert.Equal(["pa1", "pa2"], form.Candidates.Select(c => c.DisplayName));
        Assert.Equal([true, false], form.Candidates.Select(c => c.Assigned));

        var edit = await w.Send(new EditEngagement.Query(w.EngagementA), w.Fm);
        await w.Send(edit with { PartnerName = "Beta Partners" }, w.Fm);
        await using var db = w.F.Context();
        Assert.False(await db.EngagementPartnerAssignments.AnyAsync(a => a.EngagementId == w.EngagementA));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerAAssigned));
        Assert.Equal(w.EngagementA, (await w.Send(new GetEngagement.Query(w.EngagementA), w.PartnerB)).Engagement.Id);
        var audit = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Engagement && a.EntityId == w.EngagementA.ToString())
            .Select(a => a.Action).ToListAsync();
        Assert.Contains("PartnerStaffAssigned", audit);
        Assert.Contains("EngagementEdited", audit);
    }

    [Fact]
    public async Task Admins_create_and_rename_organisations_with_an_audit_row_each_and_names_stay_unique()
    {
        await using var w = await PartnerWorld.CreateAsync();
        await w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = "Alpha Consulting" }, w.Admin);
        await Assert.ThrowsAsync<ValidationException>(() => w.Send(new CreateOrganisation.Command { Name = "beta partners" }, w.Admin));
        await Assert.ThrowsAsync<ValidationException>(() => w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = "Beta Partners" }, w.Admin));
        await using var db = w.F.Context();
        var rows = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.PartnerOrganisation && a.EntityId == w.OrgA.ToString())
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["OrganisationCreated", "OrganisationRenamed"], rows.Select(r => r.Action));
        Assert.Equal(new FieldChange("Name", "Alpha Partners", "Alpha Consulting"), Assert.Single(rows[1].Changes()));
        Assert.Equal(w.Admin.Id, rows[1].UserId);
        var list = await w.Send(new ListOrganisations.Query(), w.Admin);
        Assert.Equal([("Alpha Consulting", 2, 1), ("Beta Partners", 1, 1)],
            list.Where(o => o.Name != "Fabrikam Partners").Select(o => (o.Name, o.Users, o.Engagements))); // Fabrikam: the fixture's own
    }

    [Fact]
    public async Task A_partner_user_needs_exactly_one_organisation_and_no_other_role()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var noOrg = await Assert.ThrowsAsync<ValidationException>(() => w.Send(new FastTrack.Features.Users.CreateUser.Command
            { DisplayName = "P", Email = "p@example.com", Password = "correct horse battery", Roles = [Roles.Partner] }, w.Admin));
        Assert.Contains(noOrg.Errors, e => e.PropertyName == "PartnerOrganisationId");
        var mixed = await Assert.ThrowsAsync<ValidationException>(() => w.Send(new FastTrack.Features.Users.CreateUser.Command
            { DisplayName = "P", Email = "p@example.com", Password = "correct horse battery", Roles = [Roles.Partner, Roles.FastTrackManager], PartnerOrganisationId = w.OrgA }, w.Admin));
        Assert.Contains(mixed.Errors, e => e.PropertyName == "Roles");
        var fmId = await w.Send(new FastTrack.Features.Users.CreateUser.Command
            { DisplayName = "F", Email = "f@example.com", Password = "correct horse battery", Roles = [Roles.FastTrackManager], PartnerOrganisationId = w.OrgA }, w.Admin);
        await using var db = w.F.Context();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == fmId)).PartnerOrganisationId);

        // Moving a partner to another organisation is audited and drops their assignments.
        var edit = await w.Send(new FastTrack.Features.Users.EditUser.Query(w.PartnerAAssigned.Id!), w.Admin);
        await w.Send(edit with { PartnerOrganisationId = w.OrgB }, w.Admin);
        Assert.False(await db.EngagementPartnerAssignments.AnyAsync(a => a.UserId == w.PartnerAAssigned.Id));
        var row = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.User && a.EntityId == w.PartnerAAssigned.Id && a.Action == "UserChanged").SingleAsync();
        Assert.Contains(new FieldChange("Partner organisation", "Alpha Partners", "Beta Partners"), row.Changes());
    }

    private static string WorkloadCode()
    {
        var code = WorkloadStatusCodes.All.First(c => c.L1 == WorkloadStatusCodes.InProgress);
        return $"{code.L1}|{code.L2}|{code.L3}";
    }
}
