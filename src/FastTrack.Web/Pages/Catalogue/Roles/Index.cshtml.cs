using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.RolePages;

/// <summary>/Catalogue/Roles: the roles tasks and sections name; an admin adds, retires and restores them here.</summary>
[Authorize(Policy = Policies.Admin)]
public class IndexModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty]
    public AddRole.Command Data { get; set; } = new();

    /// <summary>The role and the version the admin saw when pressing Retire or Restore.</summary>
    [BindProperty]
    public int RoleId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public IReadOnlyList<ListRoles.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await mediator.Send(new ListRoles.Query());

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = t["The role {0} was added.", Data.Key.Trim()].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetireAsync()
    {
        await mediator.Send(new RetireRole.Command(RoleId, Version));
        TempData["Success"] = t["The role is retired: tasks and sections that name it keep it; forms no longer offer it."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRestoreAsync()
    {
        await mediator.Send(new RestoreRole.Command(RoleId, Version));
        TempData["Success"] = t["The role is active again."].Value;
        return RedirectToPage();
    }

    public async Task OnRedisplayAsync() => Rows = await mediator.Send(new ListRoles.Query());
}
