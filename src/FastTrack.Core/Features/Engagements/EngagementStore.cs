using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Features.Customers;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Loading an engagement for a change, the catalogue it moves through, and saving with its audit row.</summary>
internal static class EngagementStore
{
    public static async Task<Engagement> LoadAsync(FastTrackDbContext db, int id, CancellationToken ct) =>
        await db.Engagements.AsTracking().AsSplitQuery()
            .Include(e => e.Customer).ThenInclude(c => c.Seats)
            .Include(e => e.PartnerOrganisation)
            .Include(e => e.CurrentPhase)
            .Include(e => e.CurrentProcess)
            .Include(e => e.Services)
            .Include(e => e.Tasks).ThenInclude(t => t.Task)
            .Include(e => e.Steps)
            .FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException("Engagement");

    /// <summary>
    /// What a task status change reads and nothing more: the engagement row, the task with its catalogue entry (named in
    /// the audit row), and the engagement's RFA first-contact tasks (<see cref="Engagement.SetTaskStatus(int, EngagementTaskStatus, string?, string?, string, DateTimeOffset)"/>
    /// derives <see cref="Engagement.FirstContactDone"/> from them). One compiled command instead of the whole aggregate's
    /// eight, and a few tracked rows instead of the checklist: task completion is the busiest write. The engagement's
    /// <c>Tasks</c> hold only these; this load is for that one use case.
    /// </summary>
    public static async Task<Engagement> LoadForTaskWorkAsync(FastTrackDbContext db, int id, int taskId, CancellationToken ct) =>
        (await LoadForTaskWorkAsync(db, [id], [taskId], ct)).GetValueOrDefault(id) ?? throw new NotFoundException("Engagement");

    /// <summary>
    /// As <see cref="LoadForTaskWorkAsync(FastTrackDbContext, int, int, CancellationToken)"/> for a batch of task changes
    /// (<see cref="SetTaskStatus.Writer"/>): the engagements with these ids that the context's caller may see, each with
    /// those of <paramref name="taskIds"/> that are its own and its first-contact tasks. One command for the batch.
    /// </summary>
    public static async Task<Dictionary<int, Engagement>> LoadForTaskWorkAsync(FastTrackDbContext db, int[] ids, int[] taskIds, CancellationToken ct)
    {
        var engagements = new Dictionary<int, Engagement>(ids.Length);
        await foreach (var row in TaskWork.For(db)(db, ids, taskIds).WithCancellation(ct)) engagements.TryAdd(row.Engagement.Id, row.Engagement);
        return engagements;
    }

    // Task and Entry are read to be tracked: EF's fix-up puts each task in Engagement.Tasks and its entry in Task.Task.
    private sealed record TaskWorkRow(Engagement Engagement, EngagementTask? Task, CatalogueTask? Entry);

    // The engagement through its filter; its tasks and their catalogue entries joined to it one table at a time (SQLite
    // does not flatten a join on the right of a LEFT JOIN, and would join every such task of every engagement to the
    // catalogue first). The tasks are reached from the engagement: their own filter would only repeat its filter.
    private static readonly CompiledPerEngine<Func<FastTrackDbContext, int[], int[], IAsyncEnumerable<TaskWorkRow>>> TaskWork = new(() => EF.CompileAsyncQuery(
        (FastTrackDbContext db, int[] ids, int[] taskIds) =>
            from e in db.Engagements.AsTracking()
            where ids.Contains(e.Id)
            from t in db.EngagementTasks.IgnoreQueryFilters(new[] { AccessScope.PartsFilter })
                .Where(t => t.EngagementId == e.Id && (taskIds.Contains(t.Id) || t.FtopId == PlaybookNames.FirstContactTask)).DefaultIfEmpty()
            from c in db.CatalogueTasks.Where(c => c.FtopId == t!.FtopId).DefaultIfEmpty()
            select new TaskWorkRow(e, t, c)));

    /// <summary>The whole catalogue, tracked: new engagement tasks point at its rows.</summary>
    public static async Task<Playbook> PlaybookAsync(FastTrackDbContext db, CancellationToken ct) =>
        new(await db.Phases.AsTracking().AsSplitQuery()
            .Include(p => p.Processes).ThenInclude(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Services)
            .ToListAsync(ct));

    /// <summary>The command carries the version the user saw: an older one is a conflict, and so is a race at save.</summary>
    public static void Expect(FastTrackDbContext db, Engagement e, int version)
    {
        if (e.Version != version) throw new ConcurrencyConflictException(Conflicts.Engagement);
        db.Entry(e).Property(x => x.Version).OriginalValue = version;
    }

    public static void Audit(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Engagement e, string action,
        IEnumerable<FieldChange> changes, string? summary = null) =>
        db.Audit(user, clock, action, AuditEntities.Engagement, e.Id.ToString(CultureInfo.InvariantCulture), changes, summary);

    public static Task SaveAsync(FastTrackDbContext db, CancellationToken ct, string? conflict = null) =>
        Conflicts.SaveAsync(db, conflict ?? Conflicts.Engagement, ct);

    /// <summary>
    /// Draws the stored forecast (<see cref="EngagementService.ForecastGoalOn"/>) again for every service that has new usage
    /// points on these engagements (loaded for a change: their <c>UsageRecords</c> hold only the new, unsaved points):
    /// through the saved points and the new ones. One command per 500 engagements.
    /// </summary>
    public static async Task RefreshForecastsAsync(FastTrackDbContext db, IReadOnlyCollection<Engagement> engagements, int window, CancellationToken ct)
    {
        var touched = engagements.Where(e => e.UsageRecords.Any(r => r.Id == 0)).ToList();
        foreach (var chunk in touched.Chunk(500))
        {
            var ids = chunk.Select(e => e.Id).ToArray();
            var saved = (await db.Set<UsageRecord>().Where(u => ids.Contains(u.EngagementId))
                    .Select(u => new { u.EngagementId, u.Service, u.On, u.ActiveUsers, u.Seats }).ToListAsync(ct))
                .ToLookup(u => (u.EngagementId, u.Service));
            foreach (var e in chunk)
                foreach (var service in e.UsageRecords.Where(r => r.Id == 0).Select(r => r.Service).Distinct())
                {
                    var points = saved[(e.Id, service)].Select(u => (u.On, ActiveUsageGoal.Percent(u.ActiveUsers, u.Seats)))
                        .Concat(e.UsageRecords.Where(r => r.Id == 0 && r.Service == service).Select(r => (r.On, r.Percent)));
                    e.RefreshForecast(service, points, window);
                }
        }
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The partner typed or chosen on the form: an existing organisation by name, or a new one.</summary>
    /// <summary>
    /// The partner organisation of this name. Admins create organisations (docs/security.md): an admin typing a new
    /// name adds it; anybody else must choose an existing one.
    /// </summary>
    public static async Task<PartnerOrganisation?> PartnerAsync(FastTrackDbContext db, string? name, ICurrentUser user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var trimmed = name.Trim();
        var lower = trimmed.ToLower();
        var existing = await db.PartnerOrganisations.AsTracking().FirstOrDefaultAsync(p => p.Name.ToLower() == lower, ct);
        if (existing is not null) return existing;
        if (!user.IsInRole(Roles.Admin))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("PartnerName",
                "No partner organisation has this name. Choose one from the list; an admin adds new organisations.")]);
        return db.PartnerOrganisations.Add(new PartnerOrganisation(trimmed)).Entity;
    }

    public static IQueryable<string> ManagerIds(FastTrackDbContext db) =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.FastTrackManager
        select ur.UserId;
}
