using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Workloads: FTOP's workload status code per service, with its history.</summary>
public class WorkloadsModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public SetWorkloadStatus.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public GetEngagement.View View { get; private set; } = null!;

    /// <summary>Which controls the caller may use (a partner sees only theirs).</summary>
    public GetEngagement.Access Access { get; private set; } = new(false, false);

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The workload status was saved.");
        return Redirect($"/Engagements/{Id}/Workloads");
    }

    public async Task OnRedisplayAsync()
    {
        View = await mediator.Send(new GetEngagement.Query(Id, WorkloadHistory: true));
        Access = View.Access;
    }
}
