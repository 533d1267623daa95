using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Customers;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using FastTrack.Tests.Features.Engagements;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Partners;

/// <summary>Task 983 QuickLeads: a referral names the organisation, who referred the customer and when (issue 21 item 5).</summary>
public class ReferralTests
{
    [Fact]
    public async Task An_FM_refers_the_customer_to_an_organisation_which_completes_task_983_shows_on_both_pages_and_the_timeline()
    {
        await using var w = await PartnerWorld.CreateAsync();
        await w.Send(new RecordReferral.Command
            { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB, ReferredOn = EngagementFixture.Assigned, Note = "Needs a migration partner" }, w.Fm);

        var row = Assert.Single((await w.Send(new GetCustomer.Query(w.CustomerA), w.Fm)).Referrals);
        Assert.Equal(("Contoso", "Beta Partners", EngagementFixture.Assigned, w.Fm.Name, w.EngagementA, "Needs a migration partner"),
            (row.Customer, row.PartnerOrganisation, row.ReferredOn, row.ReferredBy, row.EngagementId, row.Note));
        Assert.Equal([w.CustomerA], (await w.Send(new GetOrganisation.Query(w.OrgB), w.Admin)).Referrals.Select(r => r.CustomerId));
        Assert.Empty((await w.Send(new GetOrganisation.Query(w.OrgA), w.Admin)).Referrals);

        var e = await w.F.LoadAsync(w.EngagementA);
        var task = e.Tasks.Single(t => t.FtopId == RecordReferral.QuickLeadsTask);
        Assert.Equal(EngagementTaskStatus.Completed, task.Status);
        var view = await w.Send(new GetEngagement.Query(w.EngagementA), w.Fm);
        var entry = Assert.Single(view.Timeline, a => a.Action == "ReferralRecorded");
        Assert.Contains(entry.Changes(), c => c.Field == "Referral" && c.After == $"Beta Partners, {EngagementFixture.Assigned:yyyy-MM-dd}");
        Assert.Contains(entry.Changes(), c => c.Field == "983 QuickLeads");
    }

    [Fact]
    public async Task Assigned_partner_staff_refer_to_their_own_organisation_only_and_others_may_not_record_one()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var form = await w.Send(new RecordReferral.Query(w.EngagementA), w.PartnerAAssigned);
        Assert.Equal(["Alpha Partners"], form.Organisations.Select(o => o.Name));
        await w.Send(new RecordReferral.Command { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgA, ReferredOn = EngagementFixture.Assigned }, w.PartnerAAssigned);
        // Another organisation is not one a partner can see, so it is no choice of theirs.
        var other = await Assert.ThrowsAsync<ValidationException>(() => w.Send(new RecordReferral.Command
            { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB, ReferredOn = EngagementFixture.Assigned }, w.PartnerAAssigned));
        Assert.Contains(other.Errors, e => e.PropertyName == "PartnerOrganisationId");
        await Assert.ThrowsAsync<ForbiddenException>(() => w.Send(new RecordReferral.Command
            { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgA, ReferredOn = EngagementFixture.Assigned }, w.PartnerANotAssigned));
        await Assert.ThrowsAsync<NotFoundException>(() => w.Send(new RecordReferral.Command
            { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB, ReferredOn = EngagementFixture.Assigned }, w.PartnerB));
        await using var db = w.F.Context();
        Assert.Equal([w.PartnerAAssigned.Id!], await db.Referrals.Select(r => r.ReferredBy).ToListAsync());
    }

    [Fact]
    public async Task A_referral_without_an_organisation_or_day_in_the_future_or_with_a_long_note_is_refused_on_its_field_and_nothing_is_saved()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var today = DateOnly.FromDateTime(w.F.Clock.GetUtcNow().UtcDateTime);
        foreach (var (command, field) in new (RecordReferral.Command, string)[]
                 {
                     (new() { EngagementId = w.EngagementA, ReferredOn = today }, "PartnerOrganisationId"),
                     (new() { EngagementId = w.EngagementA, PartnerOrganisationId = -5, ReferredOn = today }, "PartnerOrganisationId"),
                     (new() { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB }, "ReferredOn"),
                     (new() { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB, ReferredOn = today.AddDays(1) }, "ReferredOn"),
                     (new() { EngagementId = w.EngagementA, PartnerOrganisationId = w.OrgB, ReferredOn = today, Note = new string('x', 501) }, "Note"),
                 })
        {
            var refused = await Assert.ThrowsAsync<ValidationException>(() => w.Send(command, w.Fm));
            Assert.Equal([field], refused.Errors.Select(e => e.PropertyName).Distinct());
        }
        await using var db = w.F.Context();
        Assert.False(await db.Referrals.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "ReferralRecorded" && a.EntityType == AuditEntities.Engagement));
    }
}
