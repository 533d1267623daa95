using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.Tasks;

/// <summary>
/// /Catalogue/Tasks/994/Edit. The form carries the version the admin saw; when someone saved the task
/// meanwhile, the form comes back with the admin's input, the values saved now beside it, and the
/// new version, so saving again is a deliberate choice.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public class EditModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public EditTask.Command Data { get; set; } = new();

    public GetTask.Result Current { get; private set; } = null!;
    public GetTaskChoices.Result Choices { get; private set; } = null!;

    /// <summary>Someone saved the task after this admin opened the form.</summary>
    public bool Conflict { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Data = EditTask.Command.From(Current);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { Id = Id });
        TempData["Success"] = t["Task {0} was saved.", Id].Value;
        return RedirectToPage("/Catalogue/Tasks/Details", new { id = Id });
    }

    public async Task OnRedisplayAsync()
    {
        await LoadAsync();
        if (Current.Version == Data.Version) return;
        Conflict = true;
        ModelState.Remove("Data.Version");
        Data = Data with { Version = Current.Version };
    }

    private async Task LoadAsync()
    {
        Current = await mediator.Send(new GetTask.Query(Id));
        Choices = await mediator.Send(new GetTaskChoices.Query());
    }
}
