using System.Net;
using AngleSharp.Html.Dom;

namespace FastTrack.Web.Tests.Pages;

/// <summary>
/// The paged lists go to the page asked for, and their "next" link leads there. ("Page" in the query string had been
/// bound from Razor Pages' own "page" route value, failed, and every list showed its first page whatever was asked.)
/// </summary>
public class ListPagingTests
{
    [Theory]
    [InlineData("fm1", "/Engagements?Sort=customer", "tbody tr[data-testid='engagement-row']")]
    [InlineData("fm1", "/Customers", "tbody tr")]
    [InlineData("admin", "/Admin/Audit", "tbody tr")]
    public async Task The_second_page_shows_the_next_rows_and_the_next_link_leads_to_it(string user, string list, string rows)
    {
        using var app = new AppFactory();
        await app.SeedDemoAsync(120, seed: 3);
        var browser = await app.DemoUserAsync(user);

        var first = await browser.GetPageAsync(list);
        var second = await browser.GetPageAsync(list + (list.Contains('?') ? "&" : "?") + "Page=2");

        Assert.StartsWith("1 /", Current(first));
        Assert.StartsWith("2 /", Current(second));
        Assert.NotEmpty(Rows(second, rows));
        Assert.NotEqual(Rows(first, rows).First(), Rows(second, rows).First());

        var next = first.QuerySelectorAll(".pagination a.page-link").OfType<IHtmlAnchorElement>().Last().GetAttribute("href")!;
        var followed = await browser.GetPageAsync(WebUtility.HtmlDecode(next));
        Assert.StartsWith("2 /", Current(followed));
        Assert.Equal(Rows(second, rows), Rows(followed, rows));
    }

    private static string Current(IHtmlDocument page) =>
        page.QuerySelector(".pagination .active")?.TextContent.Trim() ?? throw new InvalidOperationException("no pager on the page");

    private static List<string> Rows(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(r => r.TextContent.Trim()).ToList();
}
