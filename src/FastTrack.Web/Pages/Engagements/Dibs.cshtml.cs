using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Dibs?service=Teams: DIBS, SSAT and the customer-defined success criterion of one service.</summary>
public class DibsModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public SaveServicePlan.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public async Task OnGetAsync(string service) => Data = await mediator.Send(new SaveServicePlan.Query(Id, service));

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { EngagementId = Id });
        TempData["Success"] = t.Translate("DIBS and SSAT were saved.");
        return Redirect($"/Engagements/{Id}");
    }

    public Task OnRedisplayAsync() => Task.CompletedTask;
}
