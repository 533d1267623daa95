using System.Data.Common;
using FastTrack.Data;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FastTrack.Tests.Features.Engagements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FastTrack.Tests.Data;

/// <summary>
/// What a save sends (counted, never timed): the transaction the context opens itself holds the change, its audit row
/// and the revision, and nothing else; EF Core's automatic savepoint is off there (a failure rolls the whole transaction
/// back) and kept in a caller's own transaction. On SQLite and, under eng/test.sh, on PostgreSQL.
/// </summary>
public class SaveTransactionTests
{
    [Fact]
    public async Task A_task_change_is_one_transaction_of_its_read_three_writes_and_no_savepoint()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var (id, task, counter) = await ArrangeAsync(f);

        await using (var db = Context(f, counter))
        {
            await CompleteAsync(db, f, id, task.Id);
            await db.SaveChangesAsync();
            Assert.True(db.Database.AutoSavepointsEnabled, "the context's own setting is back after the save");
        }

        // The read; the audit row, the task with its version check (one batch on PostgreSQL), the revision; one BEGIN and
        // one COMMIT.
        var commands = f.Db.Provider == DatabaseProvider.Postgres ? 3 : 4;
        Assert.Equal((commands, 1, 0, 1), (counter.Commands, counter.Transactions, counter.Savepoints, counter.Commits));
        await using var check = f.Context();
        Assert.Equal(EngagementTaskStatus.Completed, (await check.EngagementTasks.SingleAsync(t => t.Id == task.Id)).Status);
    }

    [Fact]
    public async Task A_refused_save_without_savepoints_still_leaves_nothing_behind()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var (id, task, counter) = await ArrangeAsync(f);
        int audited;
        await using (var db = f.Context()) audited = await db.AuditEntries.CountAsync();

        await using (var db = Context(f, counter))
        {
            var loaded = await CompleteAsync(db, f, id, task.Id);
            // Someone else saved this task first: the version the user saw is older than the row's.
            db.Entry(loaded).Property(t => t.Version).OriginalValue = task.Version - 1;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        Assert.Equal((1, 0, 0), (counter.Transactions, counter.Savepoints, counter.Commits));
        await using var check = f.Context();
        Assert.Equal(audited, await check.AuditEntries.CountAsync());
        var row = await check.EngagementTasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal((task.Status, task.Version), (row.Status, row.Version));
    }

    [Fact]
    public async Task In_a_callers_own_transaction_the_save_keeps_its_savepoint()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var (id, task, counter) = await ArrangeAsync(f);

        await using (var db = Context(f, counter))
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await CompleteAsync(db, f, id, task.Id);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        Assert.Equal((1, 1, 1), (counter.Transactions, counter.Savepoints, counter.Commits));
    }

    /// <summary>What the task-status use case does before it saves: load, the domain change, its audit row.</summary>
    private static async Task<EngagementTask> CompleteAsync(FastTrackDbContext db, EngagementFixture f, int engagementId, int taskId)
    {
        var e = await EngagementStore.LoadForTaskWorkAsync(db, engagementId, taskId, default);
        var changes = e.SetTaskStatus(taskId, EngagementTaskStatus.Completed, null, "done", "FM", f.Clock.GetUtcNow());
        EngagementStore.Audit(db, f.Fm, f.Clock, e, "TaskStatusChanged", changes);
        return e.Task(taskId);
    }

    /// <summary>An engagement of the fixture, its open kickoff task (994), and a fresh counter.</summary>
    private static async Task<(int Id, EngagementTask Task, Counter Counter)> ArrangeAsync(EngagementFixture f)
    {
        var id = await f.EngagementAsync(await f.CustomerAsync());
        await using var db = f.Context();
        var task = await db.EngagementTasks.AsNoTracking()
            .Where(t => t.EngagementId == id && t.Status != EngagementTaskStatus.Completed && t.FtopId == 994)
            .SingleAsync();
        return (id, task, new Counter());
    }

    /// <summary>The app's own context for the fixture's database, with <paramref name="interceptors"/> added.</summary>
    private static FastTrackDbContext Context(EngagementFixture f, params IInterceptor[] interceptors)
    {
        if (f.Db.Provider == DatabaseProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresFastTrackDbContext>();
            DatabaseSetup.ConfigurePostgres(pg.AddInterceptors(interceptors), f.Db.ConnectionString);
            return new PostgresFastTrackDbContext(pg.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteFastTrackDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite.AddInterceptors(interceptors), f.Db.ConnectionString);
        return new SqliteFastTrackDbContext(sqlite.Options);
    }

    /// <summary>Counts the SQL commands EF Core sends, and the transactions, savepoints and commits it makes.</summary>
    private sealed class Counter : DbTransactionInterceptor, IDbCommandInterceptor
    {
        public int Commands { get; private set; }
        public int Transactions { get; private set; }
        public int Savepoints { get; private set; }
        public int Commits { get; private set; }

        public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            Commands++;
            return result;
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
            DbTransaction result, CancellationToken cancellationToken = default)
        {
            Transactions++;
            return ValueTask.FromResult(result);
        }

        public override Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Savepoints++;
            return Task.CompletedTask;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            Commits++;
            return Task.CompletedTask;
        }
    }
}
