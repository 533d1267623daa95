using FastTrack.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Mvc;
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
}
