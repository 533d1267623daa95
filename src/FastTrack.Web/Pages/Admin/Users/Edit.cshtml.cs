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
        // A value that does not bind (Disabled=maybe) is a message on its field, and nothing is saved.
        if (!ModelState.IsValid)
        {
            await OnRedisplayAsync();
            return Page();
        }
        await mediator.Send(Data with { Id = id });
        TempData["Success"] = Data.DisplayName;
        return RedirectToPage("Index");
    }

    public async Task OnRedisplayAsync()
    {
        // The checkboxes show what was posted; a value that is not a boolean (it has its message) would make them throw.
        foreach (var (name, value) in new[] { (nameof(Data.IsDisabled), Data.IsDisabled), (nameof(Data.IsOrganisationAdmin), Data.IsOrganisationAdmin) })
        {
            if (ModelState[$"{nameof(Data)}.{name}"] is { Errors.Count: > 0 } box)
            {
                box.RawValue = value;
                box.AttemptedValue = value ? "true" : "false";
            }
        }
        Organisations = await mediator.Send(new ListOrganisations.Query());
    }
}
