using FastTrack.Features.Account;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/ResetPassword?user=…&amp;token=…: the mailed link; sets a new password (ResetPassword) and sends the user to sign in.</summary>
public class ResetPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> t, SignInChoices choices, UserManager<Domain.Users.AppUser> users) : PageModel
{
    [BindProperty]
    public ResetPassword.Command Data { get; set; } = new();

    public IActionResult OnGet(string? user, string? token)
    {
        if (!choices.LocalPasswords) return NotFound();
        Data = new ResetPassword.Command { UserId = user ?? "", Token = token ?? "" };
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(token)) ModelState.AddModelError("", t[ResetPassword.InvalidLink]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!choices.LocalPasswords) return NotFound();
        await mediator.Send(Data);
        // The link named the account, so its address may be shown on the sign-in form.
        var email = (await users.FindByIdAsync(Data.UserId))?.Email;
        TempData["Success"] = t["Your password was changed. Sign in with the new one."].Value;
        return Redirect("/Account/SignIn" + (email is null ? "" : "?email=" + Uri.EscapeDataString(email)));
    }
}
