using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Usage: record active users per service on a date; the history and the chart.</summary>
public class UsageModel(IMediator mediator, Messages.UserMessages t, TimeProvider clock) : PageModel, IRedisplay
{
    [BindProperty]
    public RecordUsage.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public GetEngagement.View View { get; private set; } = null!;

    /// <summary>Which controls the caller may use (a partner sees only theirs).</summary>
    public GetEngagement.Access Access { get; private set; } = new(false, false);

    public async Task OnGetAsync()
    {
        Data = new RecordUsage.Command { On = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
        await OnRedisplayAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The usage was recorded.");
        return Redirect($"/Engagements/{Id}/Usage");
    }

    public async Task OnRedisplayAsync()
    {
        View = await mediator.Send(new GetEngagement.Query(Id));
        Access = View.Access;
    }
}
