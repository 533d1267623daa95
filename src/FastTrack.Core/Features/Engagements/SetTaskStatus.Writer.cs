using System.Threading.Channels;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Customers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastTrack.Features.Engagements;

public static partial class SetTaskStatus
{
    /// <summary>
    /// Saves task status changes together when they arrive together (group commit, ADR 0013): the changes queued while
    /// the previous batch was being saved are applied one after the other on one context and saved in one transaction,
    /// each with its own audit row, as its own caller. A lone change is a batch of one, saved at once.
    /// <list type="bullet">
    /// <item>A change refused before the save (not found, a conflict, a domain rule) is refused alone; the batch goes on without it.</item>
    /// <item>When the batch's save fails (another app instance changed one of its tasks, say), each of its changes is
    /// applied and saved again on its own, so each caller is told exactly what happened to theirs.</item>
    /// <item>Two changes of one task in one batch: the second sees the version the first raised, and is a conflict.</item>
    /// </list>
    /// Access was checked in the caller's request (roles, a partner's assignment); the context is scoped to each change's
    /// caller while that change reads, so the query filters apply as they would in the request.
    /// </summary>
    internal sealed class Writer : IDisposable, IAsyncDisposable
    {
        /// <summary>At most this many changes in one transaction.</summary>
        public const int MaxBatch = 32;

        // One loop: on SQLite, which writes one transaction at a time anyway, two loops made smaller batches and cost more
        // CPU per change (ADR 0013).
        private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
        private readonly IServiceScopeFactory _scopes;
        private readonly TimeProvider _clock;
        private readonly ILogger<Writer> _log;
        private readonly Task _loop;

        public Writer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Writer> log)
        {
            _scopes = scopes;
            _clock = clock;
            _log = log;
            // The first request to need the writer creates it: its execution context (the request's HttpContext, trace
            // and log scope) must not flow into a loop that outlives it.
            using (ExecutionContext.SuppressFlow()) _loop = Task.Run(RunAsync);
        }

        /// <summary>Completes when the change is saved; throws what refused it.</summary>
        public Task SaveAsync(Command change, ICurrentUser user)
        {
            var pending = new Pending(change, Caller.Of(user));
            if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(Writer), "The application is stopping.");
            return pending.Done.Task;
        }

        private async Task RunAsync()
        {
            var batch = new List<Pending>(MaxBatch);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                try
                {
                    await SaveBatchAsync(batch);
                }
                catch (Exception ex)
                {
                    // Nothing of this batch was saved (the transaction rolled back): every caller still waiting hears why.
                    foreach (var p in batch) p.Done.TrySetException(ex);
                }
                batch.Clear();
            }
        }

        private async Task SaveBatchAsync(List<Pending> batch)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
            var applied = await ApplyAllAsync(db, batch);
            if (applied.Count == 0) return;
            try
            {
                await EngagementStore.SaveAsync(db, CancellationToken.None, Conflicts.Task);
            }
            catch (Exception ex) when (applied.Count > 1)
            {
                _log.LogInformation(ex, "A batch of {Count} task changes failed to save; saving each on its own.", applied.Count);
                foreach (var p in applied) await SaveAloneAsync(p);
                return;
            }
            foreach (var p in applied) p.Done.TrySetResult();
        }

        /// <summary>
        /// Applies the batch's changes in order and returns those applied. The engagements and tasks are read in one
        /// command per kind of caller (a partner's reads are scoped to their organisation). A refused change leaves
        /// nothing behind: should it have changed anything, the context is cleared and the others read and applied again
        /// without it (refusals come before any change, so this is a precaution).
        /// </summary>
        private async Task<List<Pending>> ApplyAllAsync(FastTrackDbContext db, List<Pending> batch)
        {
            var remaining = new List<Pending>(batch);
            var applied = new List<Pending>(batch.Count);
            while (true)
            {
                var engagements = await LoadAsync(db, remaining);
                var restart = false;
                for (var i = 0; i < remaining.Count && !restart; i++)
                {
                    var p = remaining[i];
                    try
                    {
                        var scope = AccessScope.ScopeKey(p.Caller);
                        if (!engagements.TryGetValue((scope, p.Change.EngagementId), out var e)) throw new Domain.Common.NotFoundException("Engagement");
                        Apply(db, p.Caller, _clock, e, p.Change);
                        applied.Add(p);
                    }
                    catch (Exception ex)
                    {
                        p.Done.TrySetException(ex);
                        remaining.RemoveAt(i--);
                        if (applied.Count == 0 && !db.ChangeTracker.HasChanges()) continue;
                        db.ChangeTracker.Clear();
                        applied.Clear();
                        restart = true;
                    }
                }
                if (!restart) return applied;
            }
        }

        /// <summary>The engagements of the changes, by what their caller may see and id.</summary>
        private static async Task<Dictionary<(int? Scope, int Id), Domain.Engagements.Engagement>> LoadAsync(FastTrackDbContext db, List<Pending> changes)
        {
            var result = new Dictionary<(int? Scope, int Id), Domain.Engagements.Engagement>();
            foreach (var group in changes.GroupBy(p => AccessScope.ScopeKey(p.Caller)))
            {
                db.ScopeTo(group.First().Caller);
                var ids = group.Select(p => p.Change.EngagementId).Distinct().ToArray();
                var taskIds = group.Select(p => p.Change.TaskId).Distinct().ToArray();
                foreach (var (id, e) in await EngagementStore.LoadForTaskWorkAsync(db, ids, taskIds, CancellationToken.None)) result[(group.Key, id)] = e;
            }
            return result;
        }

        private async Task SaveAloneAsync(Pending p)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
                db.ScopeTo(p.Caller);
                await ApplyAsync(db, p.Caller, _clock, p.Change, CancellationToken.None);
                await EngagementStore.SaveAsync(db, CancellationToken.None, Conflicts.Task);
                p.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                p.Done.TrySetException(ex);
            }
        }

        public void Dispose()
        {
            _queue.Writer.TryComplete();
            _loop.GetAwaiter().GetResult();
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _loop;
        }

        private sealed record Pending(Command Change, Caller Caller)
        {
            public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        /// <summary>The caller as the request saw them, read once: the change is applied after the request handed it over.</summary>
        private sealed record Caller(string? Id, string Name, bool IsAuthenticated, int? PartnerOrganisationId, string[] Roles) : ICurrentUser
        {
            public static Caller Of(ICurrentUser user) =>
                new(user.Id, user.Name, user.IsAuthenticated, user.PartnerOrganisationId, [.. Domain.Catalogue.Roles.All.Where(user.IsInRole)]);

            public bool IsInRole(string role) => Roles.Contains(role);
        }
    }
}
