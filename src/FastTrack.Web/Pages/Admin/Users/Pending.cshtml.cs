using FastTrack.Features.Partners;
using FastTrack.Features.Users;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users/Pending: people who signed in through single sign-on for the first time, to approve (role and organisation) or reject.</summary>
public class PendingModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public ApproveSignUp.Command Data { get; set; } = new();

    public IReadOnlyList<ListSignUps.Row> SignUps { get; private set; } = [];
    public IReadOnlyList<ListOrganisations.Row> Organisations { get; private set; } = [];

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostApproveAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = t.Translate("The person was approved: they can sign in now.");
        return Redirect("/Admin/Users/Pending");
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, int version)
    {
        await mediator.Send(new RejectSignUp.Command(id, version));
        TempData["Success"] = t.Translate("The sign-up was rejected.");
        return Redirect("/Admin/Users/Pending");
    }

    public async Task OnRedisplayAsync()
    {
        SignUps = await mediator.Send(new ListSignUps.Query());
        Organisations = await mediator.Send(new ListOrganisations.Query());
    }
}
