using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FastTrack.Web.Messages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.Tasks;

/// <summary>
/// /Catalogue/Tasks/994: everything about one task and its history. Admins retire and restore it here;
/// the page is open to every signed-in user, so those two commands are refused by their use cases
/// (<c>[AllowedRoles(Admin)]</c>, 403) for anybody else.
/// </summary>
public class DetailsModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    /// <summary>The version the admin saw when pressing Retire or Restore.</summary>
    [BindProperty]
    public int Version { get; set; }

    public GetTask.Result Task { get; private set; } = null!;

    public async Task OnGetAsync() => Task = await mediator.Send(new GetTask.Query(Id));

    public async Task<IActionResult> OnPostRetireAsync()
    {
        await mediator.Send(new RetireTask.Command(Id, Version));
        TempData["Success"] = t["Task {0} is retired: new checklists no longer include it.", Id].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRestoreAsync()
    {
        await mediator.Send(new RestoreTask.Command(Id, Version));
        TempData["Success"] = t["Task {0} is active again.", Id].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task OnRedisplayAsync()
    {
        Task = await mediator.Send(new GetTask.Query(Id));
        ModelState.Remove(nameof(Version));
        Version = Task.Version;
    }
}
