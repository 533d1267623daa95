using FastTrack.Features.Catalogue;
using FastTrack.Web.Infrastructure;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Catalogue.Tasks;

/// <summary>/Catalogue/Tasks/New: an admin adds an FTOP task.</summary>
[Authorize(Policy = Policies.Admin)]
public class NewModel(IMediator mediator, IStringLocalizer<CatalogueMessages> t) : PageModel, IRedisplay
{
    [BindProperty]
    public CreateTask.Command Data { get; set; } = new();

    public GetTaskChoices.Result Choices { get; private set; } = null!;

    public async Task OnGetAsync(int? sectionId)
    {
        Choices = await mediator.Send(new GetTaskChoices.Query());
        Data = new CreateTask.Command { SectionId = sectionId };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        TempData["Success"] = t["Task {0} was added to the catalogue.", id].Value;
        return RedirectToPage("/Catalogue/Tasks/Details", new { id });
    }

    public async Task OnRedisplayAsync() => Choices = await mediator.Send(new GetTaskChoices.Query());
}
