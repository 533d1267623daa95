using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users/New: create an account with its roles.</summary>
public class NewModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public CreateUser.Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = $"{Data.DisplayName} ({Data.Email})";
        return RedirectToPage("Index");
    }
}
