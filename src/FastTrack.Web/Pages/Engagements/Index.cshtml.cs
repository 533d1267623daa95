using FastTrack.Domain.Catalogue;
using FastTrack.Features.Engagements;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements: filters (phase, motion, service, partner, manager, state), search by customer, sort, paging.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    // From the query string only: bound from every source, "Page" also matched Razor Pages' own "page" route value
    // (the page's name), failed to convert, and every page of the list showed page 1.
    [FromQuery]
    public ListEngagements.Query Filter { get; set; } = new();

    public ListEngagements.Result Result { get; private set; } = null!;
    public GetEngagementLookups.Result Lookups { get; private set; } = null!;

    /// <summary>Admins and FastTrack managers add engagements.</summary>
    public bool CanEdit => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.FastTrackManager);

    public async Task OnGetAsync()
    {
        Lookups = await mediator.Send(new GetEngagementLookups.FilterQuery());
        Result = await mediator.Send(Filter);
    }
}
