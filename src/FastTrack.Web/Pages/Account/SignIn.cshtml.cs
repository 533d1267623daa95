using FastTrack.Domain.Users;
using FastTrack.Features.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/SignIn. Before the first admin exists it sends the visitor to /Setup.</summary>
public class SignInModel(IMediator mediator, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class Input
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? email)
    {
        if (await mediator.Send(new SetUpFirstAdmin.Query())) return RedirectToPage("/Setup");
        Data.Email = email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Data.Email) || string.IsNullOrEmpty(Data.Password))
        {
            ModelState.AddModelError("", t["Enter your e-mail and password."]);
            return Page();
        }
        var user = await signIn.UserManager.FindByEmailAsync(Data.Email.Trim());
        if (user is { IsDisabled: true })
        {
            ModelState.AddModelError("", t["This account is disabled. Ask an administrator."]);
            return Page();
        }
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Data.Password, Data.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? t["Too many failed attempts: this account is locked for 15 minutes."]
            : t["The e-mail or password is not right."]);
        return Page();
    }
}
