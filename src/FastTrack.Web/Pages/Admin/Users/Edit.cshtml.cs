using FastTrack.Features.Partners;
using FastTrack.Features.Users;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users/{id}/Edit: name, roles, organisation, disable, set a new password.</summary>
public class EditModel(IMediator mediator) : PageModel, IRedisplay
{
    [BindProperty]
    public EditUser.Command Data { get; set; } = new();

    public IReadOnlyList<ListOrganisations.Row> Organisations { get; private set; } = [];

    public async Task OnGetAsync(string id)
    {
        Data = await mediator.Send(new EditUser.Query(id));
        await OnRedisplayAsync();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await mediator.Send(Data with { Id = id });
        TempData["Success"] = Data.DisplayName;
        return RedirectToPage("Index");
    }

    public async Task OnRedisplayAsync() => Organisations = await mediator.Send(new ListOrganisations.Query());
}
