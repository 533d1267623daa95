using FastTrack.Features.Customers;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Customers;

/// <summary>/Customers: the customers, searched by name or tenant, a page at a time.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    // From the query string only: bound from every source, "Page" also matched Razor Pages' own "page" route value
    // (the page's name), failed to convert, and every page of the list showed page 1.
    [FromQuery]
    public ListCustomers.Query Filter { get; set; } = new();

    public ListCustomers.Result Result { get; private set; } = null!;

    public async Task OnGetAsync() => Result = await mediator.Send(Filter);
}
