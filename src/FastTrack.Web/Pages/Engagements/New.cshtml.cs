using FastTrack.Common.Security;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/New: creates an engagement in Initiate with its kickoff checklist.</summary>
[Authorize(Policy = Policies.Manager)]
public class NewModel(IMediator mediator, Messages.UserMessages t, ICurrentUser user, TimeProvider clock) : PageModel, IRedisplay
{
    [BindProperty]
    public CreateEngagement.Command Data { get; set; } = new();

    public GetEngagementLookups.Result Lookups { get; private set; } = null!;

    public async Task OnGetAsync(int? customerId)
    {
        Data = new CreateEngagement.Command
        {
            CustomerId = customerId ?? 0,
            ManagerId = user.IsInRole(Roles.FastTrackManager) ? user.Id ?? "" : "",
            AssignedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
        };
        await OnRedisplayAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        TempData["Success"] = t.Translate("The engagement was created with its kickoff checklist.");
        return Redirect($"/Engagements/{id}");
    }

    public async Task OnRedisplayAsync() => Lookups = await mediator.Send(new GetEngagementLookups.Query());
}
