using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Edit: people, motion, dates and scope (adding a service adds its tasks).</summary>
[Authorize(Policy = Policies.Manager)]
public class EditModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public EditEngagement.Command Data { get; set; } = new();

    public GetEngagementLookups.Result Lookups { get; private set; } = null!;

    public async Task OnGetAsync(int id)
    {
        Data = await mediator.Send(new EditEngagement.Query(id));
        await OnRedisplayAsync();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        await mediator.Send(Data with { Id = id });
        TempData["Success"] = t.Translate("The engagement was saved.");
        return Redirect($"/Engagements/{id}");
    }

    public async Task OnRedisplayAsync() => Lookups = await mediator.Send(new GetEngagementLookups.Query());
}
