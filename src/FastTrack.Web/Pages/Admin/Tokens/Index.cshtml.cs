using FastTrack.Features.Tokens;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Admin.Tokens;

/// <summary>
/// /Admin/Tokens: the API tokens, a form to issue one, and revoke and rotate on each. A new token is shown once, on the
/// page that issued it (never redirected to, never stored: the response is not cached).
/// </summary>
public class IndexModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    [BindProperty]
    public IssueToken.Command Data { get; set; } = new();

    public ListTokens.Result Tokens { get; private set; } = new([], []);

    /// <summary>The token just issued or rotated: shown once.</summary>
    public IssueToken.Issued? Issued { get; private set; }

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        Issued = await mediator.Send(Data);
        Data = new();
        await OnRedisplayAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await mediator.Send(new RevokeToken.Command(id));
        TempData["Success"] = t.Translate("The token was revoked: it no longer works.");
        return Redirect("/Admin/Tokens");
    }

    public async Task<IActionResult> OnPostRotateAsync(int id)
    {
        Issued = await mediator.Send(new RotateToken.Command(id));
        await OnRedisplayAsync();
        return Page();
    }

    public async Task OnRedisplayAsync() => Tokens = await mediator.Send(new ListTokens.Query());
}
