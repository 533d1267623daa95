using FastTrack.Domain.Users;
using FastTrack.Features.Account;
using FastTrack.Features.Alerts;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/Profile: who the signed-in user is, changing their own password, their e-mail alert preferences, and their sessions (sign out of one, or everywhere).</summary>
public class ProfileModel(IMediator mediator, IStringLocalizer<SharedResource> t, SignInManager<AppUser> signIn, Web.Alerts.AlertTexts texts) : PageModel, IRedisplay
{
    [BindProperty]
    public ChangePassword.Command Data { get; set; } = new();

    public IReadOnlyList<ListSessions.Row> Sessions { get; private set; } = [];

    /// <summary>How the user hears of each kind of alert (the "E-mail alerts" form).</summary>
    [BindProperty]
    public SaveAlertPreferences.Command Prefs { get; set; } = new();

    public Web.Alerts.AlertTexts AlertTexts => texts;

    public Task OnGetAsync() => OnRedisplayAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data);
        TempData["Success"] = t["Your password was changed."].Value;
        return Redirect("/Account/Profile");
    }

    /// <summary>Ends another of the user's sessions (the list's "sign out"); this one signs out through /Account/SignOut.</summary>
    public async Task<IActionResult> OnPostEndSessionAsync(string? session)
    {
        if (string.IsNullOrEmpty(session)) return NotFound();
        await mediator.Send(new EndSession.Command(session));
        if (session == SessionLimits.CurrentSession(HttpContext))
        {
            await signIn.SignOutAsync();
            return Redirect("/Account/SignIn");
        }
        TempData["Success"] = t["That session was signed out."].Value;
        return Redirect("/Account/Profile");
    }

    /// <summary>"Sign out everywhere": every session of the user ends, this one too.</summary>
    public async Task<IActionResult> OnPostEndAllAsync()
    {
        await mediator.Send(new EndAllSessions.Command());
        await signIn.SignOutAsync();
        return Redirect("/Account/SignIn");
    }

    /// <summary>Saves the e-mail alert preferences (Immediate, Daily or Off per kind).</summary>
    public async Task<IActionResult> OnPostAlertsAsync()
    {
        await mediator.Send(Prefs);
        TempData["Success"] = t["Your alert preferences were saved."].Value;
        return Redirect("/Account/Profile#alert-preferences");
    }

    public async Task OnRedisplayAsync()
    {
        Sessions = await mediator.Send(new ListSessions.Query(SessionLimits.CurrentSession(HttpContext)));
        // A refused form shows what was sent; otherwise what is saved.
        if (Prefs.Choices.Count != Enum.GetValues<Domain.Alerts.AlertKind>().Length || Prefs.Choices.Any(c => !Enum.IsDefined(c.Kind)))
            Prefs = new SaveAlertPreferences.Command { Choices = [.. await mediator.Send(new GetAlertPreferences.Query())] };
    }
}
