using FastTrack.Features.Partners;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Organisations;

/// <summary>/Admin/Organisations/{id}: rename the organisation; its users.</summary>
public class DetailsModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public RenameOrganisation.Command Data { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public GetOrganisation.View View { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await OnRedisplayAsync();
        Data = new RenameOrganisation.Command { Id = Id, Name = View.Name, Version = View.Version };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data with { Id = Id });
        TempData["Success"] = t.Translate("The partner organisation was renamed.");
        return Redirect($"/Admin/Organisations/{Id}");
    }

    public async Task OnRedisplayAsync() => View = await mediator.Send(new GetOrganisation.Query(Id));
}
