using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.RolePages;

/// <summary>/Catalogue/Roles/3/Edit: an admin renames a role in three languages or moves it; conflicts as for processes.</summary>
[Authorize(Policy = Policies.Admin)]
public class EditModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public EditRole.Command Data { get; set; } = new();

    public GetRole.Result Current { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public async Task OnGetAsync()
    {
        Current = await mediator.Send(new GetRole.Query(Id));
        Data = EditRole.Command.From(Current);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { Id = Id });
        TempData["Success"] = t["The role was saved."].Value;
        return Redirect("/Catalogue/Roles");
    }

    public async Task OnRedisplayAsync()
    {
        Current = await mediator.Send(new GetRole.Query(Id));
        if (Current.Version == Data.Version) return;
        Conflict = true;
        ModelState.Remove("Data.Version");
        Data = Data with { Version = Current.Version };
    }
}
