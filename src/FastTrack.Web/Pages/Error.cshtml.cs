using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string? RequestId { get; private set; }
    public int Code { get; private set; }

    // From the query only: a re-executed POST must not read the failed request's body (it may be the 50 MB it refused).
    public void OnGet([FromQuery] int? code) => Show(code);

    public void OnPost([FromQuery] int? code) => Show(code);

    private void Show(int? code)
    {
        // Re-executed for a status code, the response already carries it (a POST's query is not always bound).
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
