using System.Globalization;
using FastTrack.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Audit;

/// <summary>/Admin/Audit: who changed what, when, before → after.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    // From the query string only: bound from every source, "Page" also matched Razor Pages' own "page" route value
    // (the page's name), failed to convert, and every page of the list showed page 1.
    [FromQuery]
    public BrowseAudit.Query Filter { get; set; } = new();

    public BrowseAudit.Result Result { get; private set; } = null!;

    public async Task OnGetAsync() => Result = await mediator.Send(Filter);

    /// <summary>
    /// This list with another page. Written out: Url.Page takes a "Page" value as the name of the page to link to, and
    /// dropped the page number.
    /// </summary>
    public string PageUrl(int page)
    {
        var values = new Dictionary<string, string?>
        {
            [nameof(Filter.EntityType)] = Filter.EntityType, [nameof(Filter.EntityId)] = Filter.EntityId,
            [nameof(Filter.Action)] = Filter.Action, [nameof(Filter.User)] = Filter.User,
            [nameof(Filter.From)] = Filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(Filter.To)] = Filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            [nameof(Filter.Page)] = page.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString("/Admin/Audit", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
