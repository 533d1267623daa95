using FastTrack.Features.Customers;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Customers;

/// <summary>/Customers: the customers, searched by name or tenant, a page at a time.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListCustomers.Query Filter { get; set; } = new();

    public ListCustomers.Result Result { get; private set; } = null!;

    public async Task OnGetAsync() => Result = await mediator.Send(Filter);
}
