using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Partners;

/// <summary>Renaming an organisation and naming an engagement's partner staff: the second of two savers is told (issue 22 item 7).</summary>
public class PartnerVersionTests
{
    [Fact]
    public async Task The_second_admin_to_rename_an_organisation_is_told_and_the_first_name_is_kept()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var seen = await w.Send(new GetOrganisation.Query(w.OrgA), w.Admin);
        await w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = "Alpha Consulting", Version = seen.Version }, w.Admin);

        var refused = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = "Alpha Advisory", Version = seen.Version }, w.Admin));
        Assert.Equal(RenameOrganisation.Conflict, refused.Message);
        var now = await w.Send(new GetOrganisation.Query(w.OrgA), w.Admin);
        Assert.Equal("Alpha Consulting", now.Name);
        Assert.Equal(seen.Version + 1, now.Version);
        await using var db = w.F.Context();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "OrganisationRenamed" && a.EntityId == w.OrgA.ToString()));

        // With the version they see now, the rename goes through.
        await w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = "Alpha Advisory", Version = now.Version }, w.Admin);
        Assert.Equal("Alpha Advisory", (await w.Send(new GetOrganisation.Query(w.OrgA), w.Admin)).Name);
    }

    [Fact]
    public async Task Two_renames_saved_at_the_same_moment_one_is_refused_at_the_database()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var seen = (await w.Send(new GetOrganisation.Query(w.OrgA), w.Admin)).Version;
        // Both pass the handler's own check (same version read); the UPDATE's version condition refuses the later save.
        var results = await Task.WhenAll(new[] { "Alpha One", "Alpha Two" }.Select(async name =>
        {
            try
            {
                await w.Send(new RenameOrganisation.Command { Id = w.OrgA, Name = name, Version = seen }, w.Admin);
                return "saved";
            }
            catch (ConcurrencyConflictException) { return "conflict"; }
        }));
        Assert.Equal(["conflict", "saved"], results.Order());
        await using var db = w.F.Context();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "OrganisationRenamed" && a.EntityId == w.OrgA.ToString()));
    }

    [Fact]
    public async Task The_second_FM_to_save_an_engagements_partner_staff_is_told_and_the_first_choice_is_kept()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var first = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        var second = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        await w.Send(new AssignPartnerStaff.Command
            { EngagementId = w.EngagementA, UserIds = [w.PartnerAAssigned.Id!, w.PartnerANotAssigned.Id!], Version = first.Version }, w.Fm);

        var refused = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => w.Send(new AssignPartnerStaff.Command
            { EngagementId = w.EngagementA, UserIds = [], Version = second.Version }, w.Fm));
        Assert.Equal(AssignPartnerStaff.Conflict, refused.Message);
        var now = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        Assert.Equal([true, true], now.Candidates.Select(c => c.Assigned));
        await using var db = w.F.Context();
        Assert.Equal(2, await db.EngagementPartnerAssignments.CountAsync(a => a.EngagementId == w.EngagementA));
    }

    [Fact]
    public async Task Task_work_meanwhile_does_not_refuse_a_staff_change_but_a_new_organisation_does()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var form = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        var task = (await w.F.LoadAsync(w.EngagementA)).Tasks.First();
        await w.Send(new SetTaskStatus.Command
            { EngagementId = w.EngagementA, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Completed }, w.PartnerAAssigned);
        await w.Send(new AssignPartnerStaff.Command { EngagementId = w.EngagementA, UserIds = [w.PartnerANotAssigned.Id!], Version = form.Version }, w.Fm);

        var opened = await w.Send(new AssignPartnerStaff.Query(w.EngagementA), w.Fm);
        var edit = await w.Send(new EditEngagement.Query(w.EngagementA), w.Fm);
        await w.Send(edit with { PartnerName = "Beta Partners" }, w.Fm);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => w.Send(new AssignPartnerStaff.Command
            { EngagementId = w.EngagementA, UserIds = [w.PartnerB.Id!], Version = opened.Version }, w.Fm));
        await using var db = w.F.Context();
        Assert.False(await db.EngagementPartnerAssignments.AnyAsync(a => a.EngagementId == w.EngagementA));
        // The world's own assignment and the one above; the refused one left no row.
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == AuditEntities.Engagement && a.EntityId == w.EngagementA.ToString()
            && a.Action == "PartnerStaffAssigned"));
    }
}
