using FastTrack.Features.Account;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/ForgotPassword: asks for a reset link by mail (RequestPasswordReset); the same answer for every address.</summary>
public class ForgotPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> t, SignInChoices choices) : PageModel
{
    [BindProperty]
    public Input Data { get; set; } = new();

    public sealed class Input
    {
        public string Email { get; set; } = "";
    }

    /// <summary>Set after a request: the page says a mail is on its way if the address has an account.</summary>
    public bool Sent { get; private set; }

    public IActionResult OnGet(string? email)
    {
        if (!choices.LocalPasswords) return NotFound();
        Data.Email = email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!choices.LocalPasswords) return NotFound();
        var outcome = await mediator.Send(new RequestPasswordReset.Command(Data.Email ?? "", HttpContext.Connection.RemoteIpAddress?.ToString()));
        if (outcome == RequestPasswordReset.Outcome.Throttled)
        {
            ModelState.AddModelError("", t["Too many reset requests from here. Try again in an hour."]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        Sent = true;
        return Page();
    }
}
