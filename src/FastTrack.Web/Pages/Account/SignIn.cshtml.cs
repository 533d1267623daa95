
using FastTrack.Features.Users;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/SignIn. Before the first admin exists it sends the visitor to /Setup.</summary>
public class SignInModel(IMediator mediator, IStringLocalizer<SharedResource> t) : PageModel
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
        // Worked out before signing in: nothing after the sign-in may fail (it is already in the audit trail).
        var target = LocalUrl.Or(Url, ReturnUrl);
        var result = await mediator.Send(new FastTrack.Features.Account.SignIn.Command(Data.Email, Data.Password, Data.RememberMe,
            HttpContext.Connection.RemoteIpAddress?.ToString(), KnownDevice.Read(HttpContext, Data.Email)));
        Data.Password = "";
        switch (result.Outcome)
        {
            case FastTrack.Features.Account.SignIn.Outcome.Succeeded:
                KnownDevice.Write(HttpContext, Data.Email, result.Device!);
                return LocalRedirect(target);
            case FastTrack.Features.Account.SignIn.Outcome.Throttled:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
                ModelState.AddModelError("", string.Format(System.Globalization.CultureInfo.CurrentCulture,
                    t["Too many failed attempts. Wait {0} seconds before trying again."], seconds));
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Page();
            case FastTrack.Features.Account.SignIn.Outcome.Disabled:
                ModelState.AddModelError("", t["This account is disabled. Ask an administrator."]);
                return Page();
            default:
                ModelState.AddModelError("", t["The e-mail or password is not right."]);
                return Page();
        }
    }
}
