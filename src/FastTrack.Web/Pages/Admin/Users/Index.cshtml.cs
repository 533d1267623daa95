using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Users;

/// <summary>/Admin/Users: everyone who can sign in.</summary>
public class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListUsers.Row> Users { get; private set; } = [];

    public async Task OnGetAsync() => Users = await mediator.Send(new ListUsers.Query());
}
