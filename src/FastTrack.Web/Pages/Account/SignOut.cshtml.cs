using FastTrack.Domain.Users;
using FastTrack.Features.Account;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Account;

/// <summary>
/// POST /Account/SignOut (never GET: a link or image must not sign anybody out). Signing out ends this session on the
/// server: a copy of its cookie is refused at the next request, on every instance and after restarts ("Keep me signed
/// in" included); the user's other sessions go on ("sign out everywhere" is on /Account/Profile). See docs/security.md.
/// </summary>
public class SignOutModel(IMediator mediator, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (SessionLimits.CurrentSession(HttpContext) is { } session)
            await mediator.Send(new EndSession.Command(session));
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
