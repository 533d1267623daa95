using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Referrals: task 983 QuickLeads, the customer referred to a partner organisation (who, to whom, when).</summary>
public class ReferralsModel(IMediator mediator, Messages.UserMessages t, TimeProvider clock) : PageModel, IRedisplay
{
    [BindProperty]
    public RecordReferral.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public RecordReferral.Form Form { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await OnRedisplayAsync();
        Data = new RecordReferral.Command { EngagementId = Id, ReferredOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The referral was recorded.");
        return Redirect($"/Engagements/{Id}/Referrals");
    }

    public async Task OnRedisplayAsync() => Form = await mediator.Send(new RecordReferral.Query(Id));
}
