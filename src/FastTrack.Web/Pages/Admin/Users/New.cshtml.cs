using FastTrack.Features.Partners;
using FastTrack.Features.Users;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users/New: create an account with its roles (and, for partner staff, their organisation).</summary>
public class NewModel(IMediator mediator) : PageModel, IRedisplay
{
    [BindProperty]
    public CreateUser.Command Data { get; set; } = new();

    public IReadOnlyList<ListOrganisations.Row> Organisations { get; private set; } = [];

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        // A value that does not bind (Disabled=maybe) is a message on its field, and nothing is saved.
        if (!ModelState.IsValid)
        {
            await OnRedisplayAsync();
            return Page();
        }
        await mediator.Send(Data);
        TempData["Success"] = $"{Data.DisplayName} ({Data.Email})";
        return RedirectToPage("Index");
    }

    public async Task OnRedisplayAsync() => Organisations = await mediator.Send(new ListOrganisations.Query());
}
