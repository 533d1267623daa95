using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Features.Engagements;
using FastTrack.Tests.Features.Engagements;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Data;

/// <summary>
/// The revisions the read caches are checked against (docs/decisions/0009-read-caches-checked-against-revisions.md):
/// every change raises exactly the counters of what it changed, in its own transaction, and a refused save raises none.
/// On SQLite and, under eng/test.sh, on PostgreSQL.
/// </summary>
public class ChangeRevisionsTests
{
    private sealed record Snapshot(long A, long B, long Catalogue, long Directory, long Engagements);

    private static async Task<Snapshot> ReadAsync(EngagementFixture f, int a, int b)
    {
        await using var db = f.Context();
        var revisions = await db.Engagements.Where(e => e.Id == a || e.Id == b)
            .Select(e => new { e.Id, Revision = EF.Property<long>(e, ChangeRevisions.EngagementRevision) }).ToDictionaryAsync(x => x.Id, x => x.Revision);
        var counters = await db.ChangeCounters.ToDictionaryAsync(c => c.Name, c => c.Value);
        return new Snapshot(revisions[a], revisions[b], counters[ChangeCounter.Catalogue], counters[ChangeCounter.Directory], counters[ChangeCounter.Engagements]);
    }

    private static async Task<(EngagementFixture F, int A, int B, int CustomerA)> TwoEngagementsAsync()
    {
        var f = await EngagementFixture.CreateAsync();
        var customer = await f.CustomerAsync();
        var a = await f.EngagementAsync(customer);
        var b = await f.EngagementAsync(await f.CustomerAsync("Fabrikam"));
        return (f, a, b, customer);
    }

    [Fact]
    public async Task Task_work_raises_its_engagement_only_and_not_the_list_counter()
    {
        var (f, a, b, _) = await TwoEngagementsAsync();
        await using var _f = f;
        var before = await ReadAsync(f, a, b);

        await f.CompleteAsync(a, 994); // not the first-contact task: nothing the list shows changes

        var after = await ReadAsync(f, a, b);
        Assert.True(after.A > before.A, "the engagement's revision rose");
        Assert.Equal(before with { A = after.A }, after);
    }

    [Fact]
    public async Task Completing_the_first_contact_changes_a_listed_column_and_raises_the_list_counter()
    {
        var (f, a, b, _) = await TwoEngagementsAsync();
        await using var _f = f;
        var before = await ReadAsync(f, a, b);

        await f.CompleteAsync(a, PlaybookNames.FirstContactTask);

        var after = await ReadAsync(f, a, b);
        Assert.True(after.A > before.A);
        Assert.True(after.Engagements > before.Engagements);
        Assert.Equal((before.B, before.Catalogue, before.Directory), (after.B, after.Catalogue, after.Directory));
    }

    [Fact]
    public async Task A_note_raises_its_engagement_and_a_phase_move_raises_the_list_counter_too()
    {
        var (f, a, b, _) = await TwoEngagementsAsync();
        await using var _f = f;
        var before = await ReadAsync(f, a, b);
        await f.Send(new AddNote.Command { EngagementId = a, Text = "Kickoff booked for Tuesday." });
        var noted = await ReadAsync(f, a, b);
        Assert.Equal(before with { A = noted.A }, noted);
        Assert.True(noted.A > before.A);

        await f.CompleteAsync(a, 994, PlaybookNames.FirstContactTask);
        var completed = await ReadAsync(f, a, b);
        await f.MoveAsync(a, "Conduct Customer Success Workshop");
        var moved = await ReadAsync(f, a, b);
        Assert.True(moved.A > completed.A);
        Assert.True(moved.Engagements > completed.Engagements);
        Assert.Equal(before.B, moved.B);
    }

    [Fact]
    public async Task Renaming_a_customer_raises_each_of_its_engagements()
    {
        var (f, a, b, customerA) = await TwoEngagementsAsync();
        await using var _f = f;
        var second = await f.EngagementAsync(customerA);
        var before = await ReadAsync(f, a, b);
        long SecondRevision(FastTrackDbContext db) => db.Engagements.Where(e => e.Id == second).Select(e => EF.Property<long>(e, ChangeRevisions.EngagementRevision)).Single();
        long secondBefore;
        await using (var db = f.Context()) secondBefore = SecondRevision(db);

        await using (var db = f.Context())
        {
            var customer = await db.Customers.AsTracking().Include(c => c.Seats).SingleAsync(c => c.Id == customerA);
            customer.Edit("Contoso Pharmaceuticals", customer.TenantDomain, customer.Industry, customer.AccountManaged, customer.CsmName,
                customer.CsmEmail, customer.Notes, customer.Seats.Select(s => (s.Service, s.Seats)));
            await db.SaveChangesAsync();
        }

        var after = await ReadAsync(f, a, b);
        Assert.True(after.A > before.A);
        Assert.True(after.Engagements > before.Engagements);
        Assert.Equal(before.B, after.B);
        await using (var db = f.Context()) Assert.True(SecondRevision(db) > secondBefore);
    }

    [Fact]
    public async Task Catalogue_and_directory_changes_raise_their_shared_counters_only()
    {
        var (f, a, b, _) = await TwoEngagementsAsync();
        await using var _f = f;
        var before = await ReadAsync(f, a, b);
        await using (var db = f.Context())
        {
            var task = await db.CatalogueTasks.AsTracking().Include(t => t.Section).Include(t => t.Services).SingleAsync(t => t.FtopId == 994);
            task.Edit(task.Section, task.NameEn, "キックオフの実施", task.NameZh, task.Mandatory, task.Role, task.AllServices, task.Services.ToList());
            await db.SaveChangesAsync();
        }
        var catalogued = await ReadAsync(f, a, b);
        Assert.Equal(before with { Catalogue = catalogued.Catalogue }, catalogued);
        Assert.True(catalogued.Catalogue > before.Catalogue);

        await using (var db = f.Context())
        {
            var partner = await db.PartnerOrganisations.AsTracking().SingleAsync();
            partner.Rename("Fabrikam Partners Japan");
            await db.SaveChangesAsync();
        }
        var renamed = await ReadAsync(f, a, b);
        Assert.Equal(catalogued with { Directory = renamed.Directory }, renamed);
        Assert.True(renamed.Directory > catalogued.Directory);
    }

    [Fact]
    public async Task A_refused_save_raises_nothing()
    {
        var (f, a, b, _) = await TwoEngagementsAsync();
        await using var _f = f;
        var e = await f.LoadAsync(a);
        var task = e.Tasks.Single(t => t.FtopId == 994);
        await f.Send(new SetTaskStatus.Command { EngagementId = a, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.InProgress });
        var before = await ReadAsync(f, a, b);

        // The same (now stale) version again: a conflict, and the transaction with the revision update rolls back.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            f.Send(new SetTaskStatus.Command { EngagementId = a, TaskId = task.Id, Version = task.Version, Status = EngagementTaskStatus.Completed }));

        Assert.Equal(before, await ReadAsync(f, a, b));
    }

    [Fact]
    public async Task Concurrent_saves_on_one_sqlite_file_all_succeed_and_each_raises_the_revision()
    {
        if (TestDatabase.DefaultProvider != DatabaseProvider.Sqlite) return; // the gate is SQLite's; PostgreSQL has row locks
        var folder = Directory.CreateTempSubdirectory("fasttrack-gate-");
        try
        {
            var cs = DatabaseSetup.ConnectionString(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), folder.FullName);
            await using (var db = DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, cs))
            {
                await db.Database.MigrateAsync();
                db.PartnerOrganisations.Add(new PartnerOrganisation("Gate test"));
                await db.SaveChangesAsync();
            }
            const int writers = 16, rounds = 10;
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    await using var db = DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, cs);
                    db.PartnerOrganisations.Add(new PartnerOrganisation($"Writer {w} round {i}"));
                    await db.SaveChangesAsync();
                }
            })));
            await using (var db = DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, cs))
            {
                Assert.Equal(1 + writers * rounds, await db.PartnerOrganisations.CountAsync());
                Assert.Equal(writers * rounds + 1, await db.ChangeCounters.Where(c => c.Name == ChangeCounter.Directory).Select(c => c.Value).SingleAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
