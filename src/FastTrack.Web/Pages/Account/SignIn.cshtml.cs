
using FastTrack.Features.Users;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/SignIn. Before the first admin exists it sends the visitor to /Setup.</summary>
public class SignInModel(IMediator mediator, IStringLocalizer<SharedResource> t, SignInChoices choices, FastTrack.Features.Alerts.MailSettings mail) : PageModel
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

    public SignInChoices Choices => choices;

    /// <summary>Mail is set up, so a forgotten password can be reset by a mailed link (/Account/ForgotPassword).</summary>
    public bool MailCanSend => mail.CanSend;

    /// <summary>Why a single sign-on was refused (a code from a fixed list; anything else shows nothing).</summary>
    public string? SsoMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? email, string? sso)
    {
        if (await mediator.Send(new SetUpFirstAdmin.Query())) return RedirectToPage("/Setup");
        Data.Email = email ?? "";
        SsoMessage = sso switch
        {
            null => null,
            "expired" => (string?)t["The sign-in from {0} had expired. Sign in again.", choices.SsoDisplayName],
            "audience" => t["The sign-in from {0} was meant for another application. Ask your administrator to check the single sign-on settings.", choices.SsoDisplayName],
            "signature" or "issuer" or "subject" or "failed" => t["The sign-in from {0} could not be verified. Try again; if it happens again, ask your administrator.", choices.SsoDisplayName],
            "email" => t["Your {0} account did not give FastTrack your e-mail address. Ask your administrator.", choices.SsoDisplayName],
            "role" => t["Your {0} account has no FastTrack role. Ask your administrator to give you one.", choices.SsoDisplayName],
            "organisation" => t["Your {0} account names no partner organisation that FastTrack knows. Ask your administrator.", choices.SsoDisplayName],
            "disabled" => t["This account is disabled. Ask an administrator."],
            "rejected" => t["Your request to use FastTrack was declined. Ask an administrator."],
            "cancelled" => t["Single sign-on was cancelled."],
            _ => null,
        };
        if (SsoMessage is not null) ModelState.AddModelError("", SsoMessage);
        return Page();
    }

    /// <summary>Starts single sign-on: off to the provider, back through the OIDC handler's callback.</summary>
    public IActionResult OnPostSso()
    {
        if (!choices.Sso) return NotFound();
        return Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = LocalUrl.Or(Url, ReturnUrl) },
            SingleSignOn.Scheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!choices.LocalPasswords)
        {
            ModelState.AddModelError("", t["Password sign-in is turned off: sign in with {0}.", choices.SsoDisplayName]);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
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
            case FastTrack.Features.Account.SignIn.Outcome.PasswordsOff:
                ModelState.AddModelError("", t["Password sign-in is turned off: sign in with {0}.", choices.SsoDisplayName]);
                Response.StatusCode = StatusCodes.Status403Forbidden;
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
