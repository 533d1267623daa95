using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users/{id}/Edit: name, roles, disable, set a new password.</summary>
public class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EditUser.Command Data { get; set; } = new();

    public async Task OnGetAsync(string id) => Data = await mediator.Send(new EditUser.Query(id));

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await mediator.Send(Data with { Id = id });
        TempData["Success"] = Data.DisplayName;
        return RedirectToPage("Index");
    }
}
