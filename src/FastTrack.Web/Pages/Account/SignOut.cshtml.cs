using FastTrack.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Account;

/// <summary>
/// POST /Account/SignOut (never GET: a link or image must not sign anybody out). Signing out ends the session on the
/// server too: the user's security stamp is renewed, so every copy of this session's cookie, and every other session
/// of this user on any device, stops working at its next stamp check (within a minute, SessionLimits.StampValidation),
/// on every instance and after restarts ("Keep me signed in" included). See docs/security.md, Sessions.
/// </summary>
public class SignOutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SignIn");
    }
}
