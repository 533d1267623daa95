using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.Phases;

/// <summary>/Catalogue/Phases: the lifecycle's phases in order; an admin adds, reorders, retires and restores them here.</summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty]
    public AddPhase.Command Data { get; set; } = new();

    /// <summary>The phase and the version the admin saw when pressing a button of its row.</summary>
    [BindProperty]
    public int PhaseId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public IReadOnlyList<ListPhases.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await mediator.Send(new ListPhases.Query());

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = t["The phase {0} was added.", Data.NameEn.Trim()].Value;
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostEarlierAsync() => Done(new MovePhase.Command(PhaseId, Version, Earlier: true), "The phases were reordered.");

    public Task<IActionResult> OnPostLaterAsync() => Done(new MovePhase.Command(PhaseId, Version, Earlier: false), "The phases were reordered.");

    public Task<IActionResult> OnPostRetireAsync() =>
        Done(new RetirePhase.Command(PhaseId, Version), "The phase is retired: engagements in it finish it; no engagement steps into it any more.");

    public Task<IActionResult> OnPostRestoreAsync() => Done(new RestorePhase.Command(PhaseId, Version), "The phase is active again.");

    private async Task<IActionResult> Done(IRequest<Unit> command, string message)
    {
        await mediator.Send(command);
        TempData["Success"] = t[message].Value;
        return RedirectToPage();
    }

    public async Task OnRedisplayAsync() => Rows = await mediator.Send(new ListPhases.Query());
}
