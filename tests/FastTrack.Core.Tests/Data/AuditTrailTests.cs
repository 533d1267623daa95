using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Data;

public class AuditTrailTests
{
    [Fact]
    public async Task Rows_can_be_added_but_never_changed_or_deleted()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false);
        await using (var ctx = db.NewContext())
        {
            ctx.AuditEntries.Add(new AuditEntry(DateTimeOffset.UtcNow, "u1", "someone", "Tested", "Thing", "1", [new FieldChange("Name", "a", "b")]));
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.NewContext())
        {
            var row = await ctx.AuditEntries.AsTracking().SingleAsync();
            ctx.AuditEntries.Remove(row);
            await Assert.ThrowsAsync<InvalidOperationException>(() => ctx.SaveChangesAsync());
        }
        await using (var ctx = db.NewContext())
        {
            var row = await ctx.AuditEntries.AsTracking().SingleAsync();
            ctx.Entry(row).Property(r => r.Action).CurrentValue = "Forged";
            Assert.Throws<InvalidOperationException>(() => ctx.SaveChanges());
        }
        await using (var ctx = db.NewContext())
        {
            var row = await ctx.AuditEntries.SingleAsync();
            Assert.Equal("Tested", row.Action);
            Assert.Equal([new FieldChange("Name", "a", "b")], row.Changes());
        }
    }
}
