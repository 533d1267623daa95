using FastTrack.Domain.Catalogue;

namespace FastTrack.Features.Catalogue;

/// <summary>
/// What the catalogue pages filter on; the same filter drives the tree, the table and the export
/// ("export what the filter shows"). Bound from the query string.
/// </summary>
public sealed record CatalogueFilter
{
    public int? PhaseId { get; init; }
    public string? Service { get; init; }
    public string? Role { get; init; }
    /// <summary>"M" mandatory, "O" optional, empty for both.</summary>
    public string? Required { get; init; }
    /// <summary>false (default): active tasks only; true: retired only; null: both.</summary>
    public bool? Retired { get; init; } = false;
    /// <summary>An FTOP id, or part of a name in any language.</summary>
    public string? Search { get; init; }

    public IQueryable<CatalogueTask> Apply(IQueryable<CatalogueTask> tasks)
    {
        if (PhaseId is int phase) tasks = tasks.Where(t => t.Section.Process.PhaseId == phase);
        if (!string.IsNullOrWhiteSpace(Service))
        {
            var service = Service.Trim();
            tasks = tasks.Where(t => t.AllServices || t.Services.Any(s => s.Name == service));
        }
        if (!string.IsNullOrWhiteSpace(Role)) tasks = tasks.Where(t => t.Role == Role);
        if (Required == "M") tasks = tasks.Where(t => t.Mandatory);
        else if (Required == "O") tasks = tasks.Where(t => !t.Mandatory);
        if (Retired is bool retired) tasks = tasks.Where(t => t.Retired == retired);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            if (int.TryParse(term, out var id))
                tasks = tasks.Where(t => t.FtopId == id);
            else
            {
                var lower = term.ToLower();
                tasks = tasks.Where(t => t.NameEn.ToLower().Contains(lower)
                    || (t.NameJa != null && t.NameJa.Contains(term))
                    || (t.NameZh != null && t.NameZh.Contains(term)));
            }
        }
        return tasks;
    }
}
