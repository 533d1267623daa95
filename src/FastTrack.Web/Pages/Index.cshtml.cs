using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages;

/// <summary>/ : the start page. The engagement portfolio replaces it for FastTrack managers.</summary>
public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
