using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.Phases;

/// <summary>/Catalogue/Phases/3/Edit: an admin renames a phase in three languages; conflicts as for processes.</summary>
[Authorize(Policy = Policies.Admin)]
public class EditModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public EditPhase.Command Data { get; set; } = new();

    public GetPhase.Result Current { get; private set; } = null!;

    public bool Conflict { get; private set; }

    public async Task OnGetAsync()
    {
        Current = await mediator.Send(new GetPhase.Query(Id));
        Data = EditPhase.Command.From(Current);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { Id = Id });
        TempData["Success"] = t["The phase was saved."].Value;
        return Redirect("/Catalogue/Phases");
    }

    public async Task OnRedisplayAsync()
    {
        Current = await mediator.Send(new GetPhase.Query(Id));
        if (Current.Version == Data.Version) return;
        Conflict = true;
        ModelState.Remove("Data.Version");
        Data = Data with { Version = Current.Version };
    }
}
