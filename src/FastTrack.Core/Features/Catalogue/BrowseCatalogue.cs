using FastTrack.Common.Security;
using FastTrack.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>The catalogue for every signed-in user: the playbook tree and the flat task list, both filtered.</summary>
public static class BrowseCatalogue
{
    [AnySignedInUser]
    public sealed record Query(CatalogueFilter Filter) : IRequest<Result>;

    public sealed record Result(
        IReadOnlyList<PhaseNode> Tree,
        IReadOnlyList<TaskRow> Tasks,
        IReadOnlyList<Choice> Phases,
        IReadOnlyList<string> Services,
        int CatalogueTotal,
        IReadOnlyList<RoleChoice> Roles)
    {
        private Dictionary<string, LocalName>? _roleNames;

        /// <summary>A role's name in the user's language; the key itself when the vocabulary lacks it.</summary>
        public LocalName RoleName(string key) =>
            (_roleNames ??= Roles.ToDictionary(r => r.Key, r => r.Name)).GetValueOrDefault(key) ?? new LocalName(key, null, null);
    }

    public sealed record PhaseNode(int Id, LocalName Name, IReadOnlyList<ProcessNode> Processes);

    public sealed record ProcessNode(int Id, LocalName Name, IReadOnlyList<SectionNode> Sections);

    /// <summary>A section; <see cref="IsGuidanceStep"/> when the catalogue has no task in it at all.</summary>
    public sealed record SectionNode(int Id, LocalName Name, int Order, string Role, bool IsGuidanceStep, IReadOnlyList<TaskRow> Tasks);

    public sealed record TaskRow(int FtopId, LocalName Name, LocalName Phase, LocalName Process, LocalName Section,
        int PhaseOrder, int ProcessOrder, int SectionOrder, bool Mandatory, string Role, bool AllServices,
        IReadOnlyList<string> Services, bool Retired);

    internal sealed class Handler(FastTrackDbContext db, Common.Caching.ReadCache cache) : IRequestHandler<Query, Result>
    {
        /// <summary>
        /// The catalogue is the same for every user: a result is kept under the catalogue's revision and the filter
        /// (ADR 0009), so that a view reads one small command. A search is free text and is read, never kept (as the list's).
        /// </summary>
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            if (!string.IsNullOrWhiteSpace(request.Filter.Search)) return await ReadAsync(request.Filter, ct);
            var stamp = await RevisionStamps.SharedAsync(db);
            return await cache.GetOrReadAsync((nameof(BrowseCatalogue), request.Filter, stamp.Catalogue), () => ReadAsync(request.Filter, ct), Bytes);
        }

        /// <summary>
        /// What a result holds (issue 22: the cache is bounded in bytes), the page text kept with it being added by KeptHtml:
        /// each row with its four names (the task's own strings; the phase's, process's and section's are shared), its
        /// services list, and the tree's nodes and lists over the same rows.
        /// </summary>
        internal static long Bytes(Result r)
        {
            static long Name(LocalName n) => Common.Caching.Weigh.Object + 3 * 8;
            static long Texts(LocalName n) => Common.Caching.Weigh.Text(n.En) + Common.Caching.Weigh.Text(n.Ja) + Common.Caching.Weigh.Text(n.Zh);
            var rows = r.Tasks.Sum(t => Common.Caching.Weigh.Object + 13 * 8 + 4 * Name(t.Name) + Texts(t.Name)
                + Common.Caching.Weigh.List(t.Services.Count));
            var sections = r.Tree.SelectMany(p => p.Processes).SelectMany(p => p.Sections).ToList();
            var tree = r.Tree.Sum(p => Common.Caching.Weigh.Row + Name(p.Name) + Texts(p.Name) + Common.Caching.Weigh.List(p.Processes.Count)
                + p.Processes.Sum(x => Common.Caching.Weigh.Row + Name(x.Name) + Texts(x.Name) + Common.Caching.Weigh.List(x.Sections.Count)))
                + sections.Sum(s => Common.Caching.Weigh.Row + Name(s.Name) + Texts(s.Name) + Common.Caching.Weigh.Text(s.Role)
                    + Common.Caching.Weigh.List(s.Tasks.Count));
            var choices = r.Phases.Sum(p => Common.Caching.Weigh.Row + Name(p.Name)) + r.Services.Sum(Common.Caching.Weigh.Text)
                + r.Roles.Sum(x => Common.Caching.Weigh.Row + Name(x.Name) + Texts(x.Name) + Common.Caching.Weigh.Text(x.Key));
            return Common.Caching.Weigh.Row + Common.Caching.Weigh.List(r.Tasks.Count) + rows + tree + choices
                + 4 * Common.Caching.Weigh.List(0);
        }

        private async Task<Result> ReadAsync(CatalogueFilter filter, CancellationToken ct)
        {
            var phases = await db.Phases
                .Include(p => p.Processes).ThenInclude(p => p.Sections)
                .OrderBy(p => p.Order).AsSplitQuery().ToListAsync(ct);
            var tasks = await filter.Apply(db.CatalogueTasks.Include(t => t.Services)).ToListAsync(ct);
            var sectionsWithTasks = (await db.CatalogueTasks.Select(t => t.SectionId).Distinct().ToListAsync(ct)).ToHashSet();
            var total = await db.CatalogueTasks.CountAsync(ct);

            // Guidance steps and empty sections only make sense while the filter does not pick tasks.
            var picksTasks = !string.IsNullOrWhiteSpace(filter.Service) || !string.IsNullOrWhiteSpace(filter.Role)
                || !string.IsNullOrWhiteSpace(filter.Required) || !string.IsNullOrWhiteSpace(filter.Search)
                || filter.Retired != false;

            var bySection = tasks.ToLookup(t => t.SectionId);
            var rows = new List<TaskRow>();
            var tree = new List<PhaseNode>();
            foreach (var phase in phases)
            {
                var processNodes = new List<ProcessNode>();
                foreach (var process in phase.Processes.OrderBy(p => p.Order).ThenBy(p => p.NameEn))
                {
                    var sectionNodes = new List<SectionNode>();
                    foreach (var section in process.Sections.OrderBy(s => s.Order).ThenBy(s => s.NameEn))
                    {
                        var sectionRows = bySection[section.Id].OrderBy(t => t.FtopId).Select(t => new TaskRow(
                            t.FtopId, new LocalName(t.NameEn, t.NameJa, t.NameZh),
                            Name(phase.NameEn, phase.NameJa, phase.NameZh), Name(process.NameEn, process.NameJa, process.NameZh),
                            Name(section.NameEn, section.NameJa, section.NameZh), phase.Order, process.Order, section.Order,
                            t.Mandatory, t.Role, t.AllServices, t.Services.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
                            t.Retired)).ToList();
                        rows.AddRange(sectionRows);
                        if (sectionRows.Count > 0 || !picksTasks)
                            sectionNodes.Add(new SectionNode(section.Id, Name(section.NameEn, section.NameJa, section.NameZh),
                                section.Order, section.PrimaryRole, !sectionsWithTasks.Contains(section.Id), sectionRows));
                    }
                    if (sectionNodes.Count > 0 || !picksTasks)
                        processNodes.Add(new ProcessNode(process.Id, Name(process.NameEn, process.NameJa, process.NameZh), sectionNodes));
                }
                var phaseWanted = filter.PhaseId is null || filter.PhaseId == phase.Id;
                if (phaseWanted && (processNodes.Count > 0 || !picksTasks))
                    tree.Add(new PhaseNode(phase.Id, Name(phase.NameEn, phase.NameJa, phase.NameZh), processNodes));
            }

            var phaseChoices = phases.Select(p => new Choice(p.Id, Name(p.NameEn, p.NameJa, p.NameZh))).ToList();
            return new Result(tree, rows, phaseChoices, await ServiceVocabulary.NamesAsync(db, ct), total,
                await RoleVocabulary.ChoicesAsync(db, ct));
        }

        private static LocalName Name(string en, string? ja, string? zh) => new(en, ja, zh);
    }
}
