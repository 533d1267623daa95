using FastTrack.Features.Catalogue;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Catalogue;

/// <summary>/Catalogue: the playbook as a tree (default) or a table (?view=table), filtered from the query string.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>Bound without a prefix (?PhaseId=1&amp;Search=994), the same query string the export reads.</summary>
    [BindProperty(SupportsGet = true)]
    public CatalogueFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? ViewMode { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    public BrowseCatalogue.Result Result { get; private set; } = null!;

    public bool IsTable => string.Equals(ViewMode, "table", StringComparison.OrdinalIgnoreCase);

    public bool IsFiltered => Filter.PhaseId is not null || !string.IsNullOrWhiteSpace(Filter.Service)
        || !string.IsNullOrWhiteSpace(Filter.Role) || !string.IsNullOrWhiteSpace(Filter.Required)
        || Filter.Retired != false || !string.IsNullOrWhiteSpace(Filter.Search);

    public static readonly string[] SortKeys = ["playbook", "id", "name", "required", "role", "services"];

    public string SortKey => SortKeys.Contains(Sort) ? Sort! : "playbook";

    /// <summary>For admins: the catalogue update this release offers, when the shipped catalogue differs from this one.</summary>
    public ImportPreview? Update { get; private set; }

    public async Task OnGetAsync()
    {
        Result = await mediator.Send(new BrowseCatalogue.Query(Filter));
        if (User.IsInRole(Domain.Catalogue.Roles.Admin)
            && await mediator.Send(new PreviewImport.Command { ShippedCatalogue = true }) is { HasProblems: false, HasChanges: true } update)
            Update = update;
    }

    /// <summary>The table rows in the chosen order; names sort in the user's language.</summary>
    public IEnumerable<BrowseCatalogue.TaskRow> SortedRows => SortKey switch
    {
        "id" => Result.Tasks.OrderBy(t => t.FtopId),
        "name" => Result.Tasks.OrderBy(t => t.Name.ToString(), StringComparer.CurrentCulture),
        "required" => Result.Tasks.OrderByDescending(t => t.Mandatory).ThenBy(t => t.FtopId),
        "role" => Result.Tasks.OrderBy(t => t.Role, StringComparer.CurrentCulture).ThenBy(t => t.FtopId),
        "services" => Result.Tasks.OrderByDescending(t => t.AllServices)
            .ThenBy(t => string.Join(';', t.Services), StringComparer.CurrentCulture).ThenBy(t => t.FtopId),
        _ => Result.Tasks,
    };

    /// <summary>
    /// A link to this page with the current filter, in the given view and order: built from the bound filter, not the
    /// request's query string, so that it is the same for every request of the same result (the page's content is kept
    /// per result, rights, view and order: ADR 0012). The filter's values in its form's order, then the view and the order.
    /// </summary>
    public string Link(bool table, string? sort)
    {
        var query = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) query.Add(new(key, value)); }
        Add("PhaseId", Filter.PhaseId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("Service", Filter.Service);
        Add("Role", Filter.Role);
        Add("Required", Filter.Required);
        // Active tasks (false) is the default; both (null) is written as an empty value, as the filter form sends it.
        if (Filter.Retired != false) query.Add(new("Retired", Filter.Retired == true ? "true" : ""));
        Add("Search", Filter.Search);
        if (table) query.Add(new("view", "table"));
        if (SortKeys.Contains(sort) && sort != "playbook") query.Add(new("sort", sort));
        return "/Catalogue" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }

    /// <summary>The current query string with some values replaced (the export link, which is not kept).</summary>
    public string QueryWith(params (string Key, string? Value)[] changes)
    {
        var query = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value)) query.Remove(key);
            else query[key] = value;
        }
        return Microsoft.AspNetCore.Http.QueryString.Create(query.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))).ToString();
    }
}
