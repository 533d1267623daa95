using FastTrack.Features.Audit;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Audit;

/// <summary>/Admin/Audit: who changed what, when, before → after.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public BrowseAudit.Query Filter { get; set; } = new();

    public BrowseAudit.Result Result { get; private set; } = null!;

    public async Task OnGetAsync() => Result = await mediator.Send(Filter);

    public string PageUrl(int page) => Url.Page("Index", new
    {
        Filter.EntityType, Filter.EntityId, Filter.Action, Filter.User,
        From = Filter.From?.ToString("yyyy-MM-dd"), To = Filter.To?.ToString("yyyy-MM-dd"), Page = page,
    })!;
}
