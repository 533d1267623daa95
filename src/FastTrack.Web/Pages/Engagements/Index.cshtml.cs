using FastTrack.Features.Engagements;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements: filters (phase, motion, service, partner, manager, state), search by customer, sort, paging.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListEngagements.Query Filter { get; set; } = new();

    public ListEngagements.Result Result { get; private set; } = null!;
    public GetEngagementLookups.Result Lookups { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Lookups = await mediator.Send(new GetEngagementLookups.FilterQuery());
        Result = await mediator.Send(Filter);
    }
}
