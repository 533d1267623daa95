using FastTrack.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages;

/// <summary>POST /Culture: remembers the chosen language in a cookie for a year (and with a signed-in user, for their mails) and goes back.</summary>
public class CultureModel(MediatR.IMediator mediator) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (WebSetup.Cultures.Any(c => c.Name == culture))
        {
            // Signed in: remembered with the user too, for the language of their mails.
            if (User.Identity?.IsAuthenticated == true) await mediator.Send(new Features.Account.SetLanguage.Command(culture));
            Response.Cookies.Append(CultureCookie.Name,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        }
        return LocalRedirect(LocalUrl.Or(Url, returnUrl));
    }
}
