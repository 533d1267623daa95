using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Account;

public class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
