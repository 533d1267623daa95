using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Account;

/// <summary>/Account/Pending: where a new single sign-on user lands while an admin has not approved them (it shows nothing of theirs).</summary>
public class PendingModel : PageModel
{
    public void OnGet() { }
}
