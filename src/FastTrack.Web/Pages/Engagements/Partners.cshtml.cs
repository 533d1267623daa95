using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>/Engagements/{id}/Partners: the FM names the partner staff (of the engagement's organisation) who work on it.</summary>
public class PartnersModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public AssignPartnerStaff.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public AssignPartnerStaff.Form Form { get; private set; } = null!;

    /// <summary>The page is shown again after a refused post.</summary>
    public bool Posted => HttpMethods.IsPost(Request.Method);

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The partner staff were saved.");
        return Redirect($"/Engagements/{Id}");
    }

    public async Task OnRedisplayAsync() => Form = await mediator.Send(new AssignPartnerStaff.Query(Id));
}
