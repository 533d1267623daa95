using System.Data.Common;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Tests.Features.Engagements;

/// <summary>
/// Task status changes that arrive together are saved together (<see cref="SetTaskStatus.Writer"/>, ADR 0013): one
/// transaction for the batch, yet each change is its own caller's, with its own audit row, and refused alone. On SQLite
/// and, under eng/test.sh, on PostgreSQL.
/// </summary>
public class TaskChangeBatchTests
{
    [Fact]
    public async Task Changes_sent_together_are_saved_in_few_transactions_each_as_its_own_caller()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var fm2 = new TestUser(await f.CreateUserAsync("fm2@example.com", Roles.FastTrackManager), "fm2@example.com", Roles.FastTrackManager);
        var (first, second) = (await f.EngagementAsync(await f.CustomerAsync("Contoso")), await f.EngagementAsync(await f.CustomerAsync("Fabrikam")));
        var third = await f.EngagementAsync(await f.CustomerAsync("Northwind"));
        var tasks = await OpenTasksAsync(f, first, second, third);
        Assert.True(tasks.Count >= 10, $"the fixture's engagements have {tasks.Count} open tasks");
        var revisionsBefore = await RevisionsAsync(f, first, second);
        var commits = new CommitCounter();
        await using var sp = f.Db.Services(f.Fm, f.Clock, configure: s => s.AddSingleton<IInterceptor>(commits));
        var writer = sp.GetRequiredService<SetTaskStatus.Writer>();

        var senders = tasks.Select((_, i) => i % 2 == 0 ? f.Fm : fm2).ToList();
        await Task.WhenAll(tasks.Select((t, i) => writer.SaveAsync(Complete(t, $"note {i}"), senders[i])));

        await using var check = f.Context();
        var saved = await check.EngagementTasks.ToDictionaryAsync(t => t.Id);
        var audit = await check.AuditEntries.Where(a => a.Action == "TaskStatusChanged").ToListAsync();
        for (var i = 0; i < tasks.Count; i++)
        {
            var row = saved[tasks[i].Id];
            Assert.Equal((EngagementTaskStatus.Completed, senders[i].Name, $"note {i}", tasks[i].Version + 1),
                (row.Status, row.CompletedBy, row.CompletionNote, row.Version));
            // The audit row names the engagement and the task, and who sent this change.
            Assert.Single(audit, a => a.EntityId == tasks[i].EngagementId.ToString() && a.Summary!.StartsWith($"{row.FtopId} ")
                && a.UserId == senders[i].Id && a.UserName == senders[i].Name);
        }
        Assert.Equal(tasks.Count, audit.Count);
        // All were queued before the first save ended: a batch of the first, then one of the rest (at most a few).
        Assert.True(commits.Count <= tasks.Count / 2, $"{tasks.Count} changes took {commits.Count} transactions");
        var revisionsAfter = await RevisionsAsync(f, first, second);
        Assert.True(revisionsAfter.First > revisionsBefore.First && revisionsAfter.Second > revisionsBefore.Second,
            "both engagements' revisions were raised (their cached pages are stale)");
    }

    [Fact]
    public async Task A_refused_change_is_refused_alone_and_leaves_nothing_behind()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var tasks = await OpenTasksAsync(f, id, await f.EngagementAsync(await f.CustomerAsync("Fabrikam")));
        await using var sp = f.Db.Services(f.Fm, f.Clock);
        var writer = sp.GetRequiredService<SetTaskStatus.Writer>();

        var good1 = writer.SaveAsync(Complete(tasks[0], "first"), f.Fm);
        var stale = writer.SaveAsync(Complete(tasks[1] with { Version = tasks[1].Version - 1 }, "stale"), f.Fm);
        var missing = writer.SaveAsync(Complete(tasks[2] with { Id = 987654 }, "missing"), f.Fm);
        // The validator says so in a request; the domain refuses it on its own too.
        var noReason = writer.SaveAsync(new SetTaskStatus.Command
        { EngagementId = tasks[3].EngagementId, TaskId = tasks[3].Id, Version = tasks[3].Version, Status = EngagementTaskStatus.Blocked }, f.Fm);
        var good2 = writer.SaveAsync(Complete(tasks[4], "second"), f.Fm);

        await good1;
        await good2;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale);
        await Assert.ThrowsAsync<NotFoundException>(() => missing);
        await Assert.ThrowsAsync<DomainException>(() => noReason);

        await using var check = f.Context();
        var rows = await check.EngagementTasks.ToDictionaryAsync(t => t.Id);
        Assert.Equal(EngagementTaskStatus.Completed, rows[tasks[0].Id].Status);
        Assert.Equal(EngagementTaskStatus.Completed, rows[tasks[4].Id].Status);
        Assert.Equal((tasks[1].Status, tasks[1].Version), (rows[tasks[1].Id].Status, rows[tasks[1].Id].Version));
        Assert.Equal((tasks[3].Status, tasks[3].Version), (rows[tasks[3].Id].Status, rows[tasks[3].Id].Version));
        Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.Action == "TaskStatusChanged"));
    }

    [Fact]
    public async Task Of_two_changes_to_one_task_sent_together_the_second_is_a_conflict()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var task = (await OpenTasksAsync(f, id))[0];
        await using var sp = f.Db.Services(f.Fm, f.Clock);
        var writer = sp.GetRequiredService<SetTaskStatus.Writer>();

        var mine = writer.SaveAsync(Complete(task, "mine"), f.Fm);
        var theirs = writer.SaveAsync(Complete(task, "theirs"), f.Fm);

        await mine;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => theirs);
        await using var check = f.Context();
        var row = await check.EngagementTasks.SingleAsync(t => t.Id == task.Id);
        Assert.Equal(("mine", task.Version + 1), (row.CompletionNote, row.Version));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "TaskStatusChanged"));
    }

    [Fact]
    public async Task When_a_batch_fails_to_save_each_change_is_saved_on_its_own_and_only_the_one_in_conflict_is_refused()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var tasks = await OpenTasksAsync(f, id);
        // Another app instance changes one of the batch's tasks after the batch read it and before it writes.
        var other = new OtherInstanceChangesATask(f);
        await using var sp = f.Db.Services(f.Fm, f.Clock, configure: s => s.AddSingleton<IInterceptor>(other));
        var writer = sp.GetRequiredService<SetTaskStatus.Writer>();

        var saves = tasks.Select((t, i) => (Task: t, Save: writer.SaveAsync(Complete(t, $"note {i}"), f.Fm))).ToList();
        await Task.WhenAll(saves.Select(s => s.Save).Select(async save => { try { await save; } catch (ConcurrencyConflictException) { } }));

        Assert.NotNull(other.ChangedTaskId);
        foreach (var (t, save) in saves)
        {
            if (t.Id == other.ChangedTaskId) await Assert.ThrowsAsync<ConcurrencyConflictException>(() => save);
            else await save;
        }
        await using var check = f.Context();
        var rows = await check.EngagementTasks.Where(t => t.EngagementId == id).ToDictionaryAsync(t => t.Id);
        foreach (var t in tasks)
        {
            var expected = t.Id == other.ChangedTaskId ? (t.Status, t.Version + 1) : (EngagementTaskStatus.Completed, t.Version + 1);
            Assert.Equal(expected, (rows[t.Id].Status, rows[t.Id].Version));
        }
        Assert.Equal(tasks.Count - 1, await check.AuditEntries.CountAsync(a => a.Action == "TaskStatusChanged"));
    }

    private sealed record OpenTask(int EngagementId, int Id, int Version, EngagementTaskStatus Status);

    private static SetTaskStatus.Command Complete(OpenTask t, string note) => new()
    { EngagementId = t.EngagementId, TaskId = t.Id, Version = t.Version, Status = EngagementTaskStatus.Completed, Note = note };

    /// <summary>The open tasks of the engagements' checklists, but the success review (completed with its own form).</summary>
    private static async Task<List<OpenTask>> OpenTasksAsync(EngagementFixture f, params int[] engagements)
    {
        await using var db = f.Context();
        return await db.EngagementTasks
            .Where(t => engagements.Contains(t.EngagementId) && t.Status != EngagementTaskStatus.Completed && t.FtopId != PlaybookNames.SuccessReviewTask)
            .OrderBy(t => t.Id).Select(t => new OpenTask(t.EngagementId, t.Id, t.Version, t.Status)).ToListAsync();
    }

    private static async Task<(long First, long Second)> RevisionsAsync(EngagementFixture f, int first, int second)
    {
        await using var db = f.Context();
        var revisions = await db.Engagements.Where(e => e.Id == first || e.Id == second)
            .Select(e => new { e.Id, Revision = EF.Property<long>(e, ChangeRevisions.EngagementRevision) })
            .ToDictionaryAsync(e => e.Id, e => e.Revision);
        return (revisions[first], revisions[second]);
    }

    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _count;
        public int Count => _count;

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// As the first save of more than one task change begins its transaction, raises the version of the second of its
    /// tasks through a connection of its own (as another app instance would; a plain statement, outside this process's
    /// write gate).
    /// </summary>
    private sealed class OtherInstanceChangesATask(EngagementFixture f) : DbTransactionInterceptor
    {
        public int? ChangedTaskId { get; private set; }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            var changed = eventData.Context!.ChangeTracker.Entries<EngagementTask>().Where(e => e.State == EntityState.Modified).ToList();
            if (ChangedTaskId is null && changed.Count > 1)
            {
                ChangedTaskId = changed[1].Entity.Id;
                await using var db = f.Context();
                await db.EngagementTasks.Where(t => t.Id == ChangedTaskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
            }
            return result;
        }
    }
}
