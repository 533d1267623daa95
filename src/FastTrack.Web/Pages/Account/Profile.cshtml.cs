using FastTrack.Features.Account;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/Profile: who the signed-in user is, and changing their own password.</summary>
public class ProfileModel(IMediator mediator, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ChangePassword.Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = t["Your password was changed."].Value;
        return Redirect("/Account/Profile");
    }
}
