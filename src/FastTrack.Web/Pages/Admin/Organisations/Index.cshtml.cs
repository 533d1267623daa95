using FastTrack.Features.Partners;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Organisations;

/// <summary>/Admin/Organisations: the partner organisations, and a form to add one.</summary>
public class IndexModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public CreateOrganisation.Command Data { get; set; } = new();

    public IReadOnlyList<ListOrganisations.Row> Organisations { get; private set; } = [];

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        TempData["Success"] = t.Translate("The partner organisation was added.");
        return Redirect($"/Admin/Organisations/{id}");
    }

    public async Task OnRedisplayAsync() => Organisations = await mediator.Send(new ListOrganisations.Query());
}
