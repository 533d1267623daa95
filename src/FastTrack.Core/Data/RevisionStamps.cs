using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// The current revisions a cached read is checked against (<see cref="Common.Caching.ReadCache"/>): each is one small,
/// compiled command. They go through the global query filters like every read, so a partner asking for another
/// organisation's engagement gets no stamp (and then the handler's own "not found").
/// </summary>
internal static class RevisionStamps
{
    /// <summary>The shared counters.</summary>
    public sealed record Shared(long Catalogue, long Directory, long Engagements);

    /// <summary>One engagement's revision with the shared counters.</summary>
    public sealed record Engagement(long Revision, long Catalogue, long Directory);

    /// <summary>
    /// A set of engagements (one manager's, or all): how many, and the sums of their revisions and ids. Any change to one
    /// of them raises the revision sum; one joining or leaving the set changes the count or the id sum.
    /// </summary>
    public sealed record EngagementSet(int Count, long Revisions, long Ids, long Catalogue, long Directory);

    private static readonly CompiledPerEngine<Func<FastTrackDbContext, Task<Shared?>>> SharedQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db) => db.ChangeCounters.Where(c => c.Name == ChangeCounter.Catalogue)
            .Select(c => new Shared(c.Value,
                db.ChangeCounters.Where(d => d.Name == ChangeCounter.Directory).Select(d => d.Value).First(),
                db.ChangeCounters.Where(d => d.Name == ChangeCounter.Engagements).Select(d => d.Value).First()))
            .FirstOrDefault()));

    private static readonly CompiledPerEngine<Func<FastTrackDbContext, int, Task<Engagement?>>> EngagementQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db, int id) => db.Engagements.Where(e => e.Id == id)
            .Select(e => new Engagement(EF.Property<long>(e, ChangeRevisions.EngagementRevision),
                db.ChangeCounters.Where(c => c.Name == ChangeCounter.Catalogue).Select(c => c.Value).First(),
                db.ChangeCounters.Where(d => d.Name == ChangeCounter.Directory).Select(d => d.Value).First()))
            .FirstOrDefault()));

    // One pass over the manager's rows of IX_Engagements_ManagerId_State_CurrentPhaseId_Revision (no table reads).
    private static readonly CompiledPerEngine<Func<FastTrackDbContext, string, Task<EngagementSet?>>> ManagerQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db, string managerId) => db.Engagements.Where(e => e.ManagerId == managerId).GroupBy(e => e.ManagerId)
            .Select(g => new EngagementSet(
                g.Count(),
                g.Sum(e => EF.Property<long>(e, ChangeRevisions.EngagementRevision)),
                g.Sum(e => (long)e.Id),
                db.ChangeCounters.Where(c => c.Name == ChangeCounter.Catalogue).Select(c => c.Value).First(),
                db.ChangeCounters.Where(d => d.Name == ChangeCounter.Directory).Select(d => d.Value).First()))
            .FirstOrDefault()));

    private static readonly CompiledPerEngine<Func<FastTrackDbContext, Task<EngagementSet?>>> AllQuery = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db) => db.ChangeCounters.Where(c => c.Name == ChangeCounter.Catalogue)
            .Select(c => new EngagementSet(
                db.Engagements.Count(),
                db.Engagements.Sum(e => EF.Property<long>(e, ChangeRevisions.EngagementRevision)),
                db.Engagements.Sum(e => (long)e.Id),
                c.Value,
                db.ChangeCounters.Where(d => d.Name == ChangeCounter.Directory).Select(d => d.Value).First()))
            .FirstOrDefault()));

    /// <summary>
    /// The shared counters, read once per request (the list page's filter choices and rows both check them) and again
    /// after the request saved anything.
    /// </summary>
    public static async Task<Shared> SharedAsync(FastTrackDbContext db) =>
        db.SharedRevisionsRead ??= await SharedQuery.For(db)(db) ?? new Shared(0, 0, 0);

    /// <summary>Null when the caller may not see the engagement (or it does not exist).</summary>
    public static Task<Engagement?> EngagementAsync(FastTrackDbContext db, int id) => EngagementQuery.For(db)(db, id);

    /// <summary>The engagements of one manager, or of everyone when <paramref name="managerId"/> is null.</summary>
    public static async Task<EngagementSet> EngagementsAsync(FastTrackDbContext db, string? managerId)
    {
        var set = managerId is null ? await AllQuery.For(db)(db) : await ManagerQuery.For(db)(db, managerId);
        if (set is not null) return set;
        // A manager without engagements: only the shared counters can change what they see.
        var shared = await SharedQuery.For(db)(db) ?? new Shared(0, 0, 0);
        return new EngagementSet(0, 0, 0, shared.Catalogue, shared.Directory);
    }
}
