using FastTrack.Features.Customers;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Customers;

/// <summary>/Customers/{id}: the customer, its seats and its engagements.</summary>
public class DetailsModel(IMediator mediator) : PageModel
{
    public GetCustomer.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(int id) => Result = await mediator.Send(new GetCustomer.Query(id));
}
