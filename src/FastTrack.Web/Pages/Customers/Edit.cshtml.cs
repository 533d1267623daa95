using FastTrack.Features.Customers;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Customers;

/// <summary>/Customers/{id}/Edit.</summary>
[Authorize(Policy = Policies.Manager)]
public class EditModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public EditCustomer.Command Data { get; set; } = new();

    public async Task OnGetAsync(int id) => Data = await mediator.Send(new EditCustomer.Query(id));

    public async Task<IActionResult> OnPostAsync(int id)
    {
        await mediator.Send(Data with { Id = id });
        TempData["Success"] = t.Translate("The customer was saved.");
        return Redirect($"/Customers/{id}");
    }

    public Task OnRedisplayAsync() => Task.CompletedTask;
}
