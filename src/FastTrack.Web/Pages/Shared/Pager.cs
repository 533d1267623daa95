using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Shared;

/// <summary>
/// Previous / next links of a paged list, keeping the rest of the query string (the filters); the audit page, which
/// words its links differently, uses <see cref="Link"/>. Written in code rather
/// than a partial view: the engagement list is one of the busiest pages (docs/performance.md).
/// </summary>
public static class Pager
{
    public static IHtmlContent Render(HttpRequest request, int page, int pages, IStringLocalizer text)
    {
        if (pages <= 1) return HtmlString.Empty;
        string Link(int target) => WebUtility.HtmlEncode(Pager.Link(request, target));
        var html = new StringBuilder(512);
        html.Append($"<nav aria-label=\"{WebUtility.HtmlEncode(text["Pages"])}\">\n<ul class=\"pagination pagination-sm\">\n");
        html.Append($"<li class=\"page-item {(page <= 1 ? "disabled" : "")}\"><a class=\"page-link\" href=\"{Link(page - 1)}\">&laquo;</a></li>\n");
        html.Append($"<li class=\"page-item active\" aria-current=\"page\"><span class=\"page-link\">{page} / {pages}</span></li>\n");
        html.Append($"<li class=\"page-item {(page >= pages ? "disabled" : "")}\"><a class=\"page-link\" href=\"{Link(page + 1)}\" data-testid=\"next-page\">&raquo;</a></li>\n");
        html.Append("</ul>\n</nav>\n");
        return new HtmlString(html.ToString());
    }

    /// <summary>This request's URL with another page number and the rest of its query string (the filters) kept.</summary>
    public static string Link(HttpRequest request, int page)
    {
        var query = request.Query
            .Where(kv => !kv.Key.Equals("Page", StringComparison.OrdinalIgnoreCase) && !kv.Key.Equals("handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"Page={page}"));
        return request.PathBase + request.Path + "?" + string.Join("&", query);
    }
}
