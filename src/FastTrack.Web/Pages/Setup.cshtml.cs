using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages;

/// <summary>/Setup: the one-time page that creates the first admin; 404 once any user exists.</summary>
public class SetupModel(IMediator mediator, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public SetUpFirstAdmin.Command Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await mediator.Send(new SetUpFirstAdmin.Query()) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await mediator.Send(new SetUpFirstAdmin.Query())) return NotFound();
        await mediator.Send(Data);
        TempData["Success"] = t["The first administrator was created and is signed in. Add users under Users."].Value;
        return Redirect("/");
    }
}
