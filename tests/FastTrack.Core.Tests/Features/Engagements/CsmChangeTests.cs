using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Engagements;

/// <summary>Editing a customer's CSM while its engagement runs: the checklist follows, and the timeline says why.</summary>
public class CsmChangeTests
{
    private static async Task<int> InSuccessAsync(EngagementFixture f, int customer)
    {
        var id = await f.EngagementAsync(customer, EngagementMotionInput.CustomerHealth, ServiceNames.Teams);
        await f.MoveAsync(id, "Conduct Customer Success Workshop", "Kickoff held offline");
        await f.MoveAsync(id, "Support Success Execution", "Workshop held offline");
        return id;
    }

    private static async Task EditCsmAsync(EngagementFixture f, int customer, string? csm)
    {
        var form = await f.Send(new EditCustomer.Query(customer));
        await f.Send(form with { CsmName = csm, CsmEmail = csm is null ? null : "casey@example.com" });
    }

    [Fact]
    public async Task Assigning_then_removing_the_csm_changes_the_running_checklist_and_the_timeline_says_why()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var customer = await f.CustomerAsync(csm: false);
        var id = await InSuccessAsync(f, customer);
        Assert.DoesNotContain((await f.LoadAsync(id)).Tasks, t => t.FtopId == 3731);

        await EditCsmAsync(f, customer, "Casey CSM");
        await using (var db = f.Context())
        {
            var handshake = await db.EngagementTasks.SingleAsync(t => t.EngagementId == id && t.FtopId == 3731);
            Assert.Equal(EngagementTaskStatus.NotStarted, handshake.Status);
            var step = await db.Set<EngagementStep>().Include(s => s.Section).SingleAsync(s => s.EngagementId == id && s.Section.NameEn == "Schedule Success Check-in Meetings");
            Assert.Equal([ServiceNames.Teams], step.NotApplicableFor);
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "CsmHandshakeFollowed" && a.EntityId == id.ToString());
            Assert.Equal(CsmHandshakeRule.CsmAssigned, audit.Summary);
        }

        await EditCsmAsync(f, customer, null);
        await using (var db = f.Context())
        {
            var handshake = await db.EngagementTasks.SingleAsync(t => t.EngagementId == id && t.FtopId == 3731);
            Assert.Equal((EngagementTaskStatus.NotApplicable, CsmHandshakeRule.NoCsmReason), (handshake.Status, handshake.StatusReason));
            Assert.Equal(CsmHandshakeRule.CsmRemoved, (await db.AuditEntries.Where(a => a.Action == "CsmHandshakeFollowed").OrderBy(a => a.Id).LastAsync()).Summary);
        }
    }
}
