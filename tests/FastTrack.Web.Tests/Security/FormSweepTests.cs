using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Every form the app renders, found by following the links of its pages as each signed-in persona, posted with its real
/// antiforgery token and every field blank, spaces only, or a non-numeric / fractional / huge number: no answer is a 5xx,
/// and none is a 400 (the token was accepted, so the handler really saw the values).
/// </summary>
public partial class FormSweepTests
{
    private static readonly string[] BadValues = ["", "   ", "abc", "10.5", "99999999999999"];

    // Forms that end the session or leave the page's world (sign-out belongs to issue 22's scope and would sign the sweep out).
    // Ending one's sessions from the profile (one, or everywhere) signs the sweep out the same way.
    private static readonly string[] SkippedActions = ["/Account/SignOut", "/Account/Profile?handler=EndAll", "/Account/Profile?handler=EndSession"];

    [Fact]
    public async Task No_form_answers_5xx_to_blank_spaces_or_non_numeric_values()
    {
        await using var world = await PageWorld.CreateAsync();
        var failures = new List<string>();
        var forms = 0;
        foreach (var persona in new[] { "admin", "fm", "partnerA-assigned" })
        {
            var client = world.Personas[persona];
            foreach (var (url, page) in await CrawlAsync(client, [$"/", "/Engagements", $"/Engagements/{world.EngagementA}", "/Customers",
                         $"/Customers/{world.CustomerA}", "/Catalogue", "/Admin/Users", "/Admin/Organisations", $"/Admin/Organisations/{world.OrgA}"]))
            {
                foreach (var form in DistinctForms(page))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (SkippedActions.Any(s => action.StartsWith(s, StringComparison.OrdinalIgnoreCase))) continue;
                    forms++;
                    foreach (var bad in BadValues)
                    foreach (var hiddenToo in new[] { false, true })
                    {
                        var values = Garbled(form, bad, hiddenToo);
                        var response = await client.PostAsync(action, new FormUrlEncodedContent(values));
                        var code = (int)response.StatusCode;
                        if (code >= 500 || code == 400)
                            failures.Add($"{persona}: POST {action} (from {url}) with \"{bad}\"{(hiddenToo ? " in hidden fields too" : "")} → {code}");
                    }
                }
            }
        }
        Assert.True(forms >= 25, $"only {forms} forms found: the crawl did not reach the app's pages");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Setup_form_answers_no_5xx_to_blank_spaces_or_non_numeric_values()
    {
        using var app = new AppFactory();
        var client = app.Browser();
        var page = await client.GetPageAsync("/Setup");
        var form = FormPosting.FindForm(page, "/Setup");
        foreach (var bad in BadValues)
        {
            var response = await client.PostAsync("/Setup", new FormUrlEncodedContent(Garbled(form, bad, hiddenToo: false)));
            Assert.True((int)response.StatusCode is < 500 and not 400, $"\"{bad}\" → {(int)response.StatusCode}");
        }
    }

    /// <summary>Every field a user can type into or choose (and the hidden ones when asked) set to <paramref name="bad"/>; the token kept.</summary>
    private static List<KeyValuePair<string, string>> Garbled(IHtmlFormElement form, string bad, bool hiddenToo)
    {
        var hidden = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => i.Name).ToHashSet();
        var values = FormPosting.FormValues(form);
        return values.Select(v =>
            v.Key == "__RequestVerificationToken" || (hidden.Contains(v.Key) && !hiddenToo) || IsCheckbox(form, v.Key)
                ? v
                : new KeyValuePair<string, string>(v.Key, bad)).ToList();
    }

    private static bool IsCheckbox(IHtmlFormElement form, string name) =>
        form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == name && i.Type is "checkbox" or "radio")
        && !form.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == name && i.Type is not ("checkbox" or "radio" or "hidden"));

    /// <summary>The post forms of a page, one per action and set of field names (a checklist has hundreds of the same form).</summary>
    private static IEnumerable<IHtmlFormElement> DistinctForms(IHtmlDocument page)
    {
        var seen = new HashSet<string>();
        foreach (var form in page.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)))
        {
            var names = string.Join(",", form.Elements.Select(e => e.GetAttribute("name")).Where(n => n is not null).Distinct().Order());
            var key = Digits().Replace(form.GetAttribute("action") ?? "", "N") + "|" + names;
            if (seen.Add(key)) yield return form;
        }
    }

    /// <summary>The pages reachable from <paramref name="start"/> through same-site links, one page per URL shape (ids as N).</summary>
    private static async Task<List<(string Url, IHtmlDocument Page)>> CrawlAsync(HttpClient client, string[] start)
    {
        var pages = new List<(string, IHtmlDocument)>();
        var shapes = new HashSet<string>();
        var queue = new Queue<string>(start);
        while (queue.Count > 0 && pages.Count < 200)
        {
            var url = queue.Dequeue();
            if (!shapes.Add(Shape(url))) continue;
            var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var page = FormPosting.Parse(await response.Content.ReadAsStringAsync());
            pages.Add((url, page));
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                if (link.StartsWith('/') && !link.StartsWith("//") && !link.StartsWith("/Account/SignOut") && !link.StartsWith("/Culture"))
                    queue.Enqueue(link.Split('#')[0]);
        }
        return pages;
    }

    /// <summary>A URL with its ids as N and its query values dropped (the names kept): /Engagements/N?page.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var query = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0]).Order()) : "";
        return Digits().Replace(parts[0], "N") + "?" + query;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
