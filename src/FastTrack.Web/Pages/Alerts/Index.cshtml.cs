using FastTrack.Features.Alerts;
using FastTrack.Web.Alerts;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Alerts;

/// <summary>/Alerts: the signed-in user's alerts, newest first, read and unread; mark one or all read.</summary>
public class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> t, AlertTexts texts) : PageModel
{
    public ListAlerts.Result Result { get; private set; } = new([], 0, 0, 1);

    public AlertTexts Texts => texts;

    public async Task OnGetAsync(int? p) => Result = await mediator.Send(new ListAlerts.Query(p ?? 1));

    public async Task<IActionResult> OnPostReadAsync(long? id)
    {
        if (id is null) return NotFound();
        await mediator.Send(new MarkAlertRead.Command(id.Value));
        return Redirect("/Alerts");
    }

    public async Task<IActionResult> OnPostAllReadAsync()
    {
        var n = await mediator.Send(new MarkAllAlertsRead.Command());
        TempData["Success"] = t["{0} alerts marked read.", n].Value;
        return Redirect("/Alerts");
    }
}
