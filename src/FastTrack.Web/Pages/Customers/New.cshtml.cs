using FastTrack.Features.Customers;
using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Customers;

/// <summary>/Customers/New: a customer with its seats per service.</summary>
[Authorize(Policy = Policies.Manager)]
public class NewModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public CreateCustomer.Command Data { get; set; } = new();

    public async Task OnGetAsync()
    {
        var services = (await mediator.Send(new GetEngagementLookups.Query())).Services;
        Data = new CreateCustomer.Command { Seats = services.Select(s => new SeatsInput { Service = s }).ToList() };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await mediator.Send(Data);
        TempData["Success"] = t.Translate("The customer was created.");
        return Redirect($"/Customers/{id}");
    }

    public Task OnRedisplayAsync() => Task.CompletedTask;
}
