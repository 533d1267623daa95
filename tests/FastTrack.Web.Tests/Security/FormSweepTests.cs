using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Every form the app renders, found by following the links of its pages as each signed-in persona, posted with its real
/// antiforgery token and every field blank, spaces only, or a non-numeric / fractional / huge number: no answer is a 5xx,
/// and none is a 400 (the token was accepted, so the handler really saw the values).
/// </summary>
public partial class FormSweepTests(Xunit.Abstractions.ITestOutputHelper output)
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

    /// <summary>
    /// Issue 20 item 4: the payloads of a bounded fuzz, each in every field of every form (in turn with the hidden fields).
    /// </summary>
    private static readonly string[] FuzzValues =
    [
        new string('x', 10_000), "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202etxt.exe", "\U0001F600\U0001F680 \U0001F469\u200D\U0001F469\u200D\U0001F467",
        "nul\0byte", "\0", "-1", "-99999999999", "1e308", "NaN", "2026-02-30", "31/12/2026", "true", "[1,2]",
        Script, Image, "' OR 1=1 --",
    ];

    private const string Script = "<script>alert('fuzz')</script>";
    private const string Image = "\"><img src=x onerror=alert('fuzz')>";

    [Fact]
    public async Task A_fuzz_of_every_form_gets_no_5xx_and_every_stored_payload_is_escaped_on_display()
    {
        await using var world = await PageWorld.CreateAsync();
        var failures = new List<string>();
        var requests = 0;
        var formsTried = 0;
        var crawled = new List<(HttpClient Client, string Url)>();
        foreach (var persona in new[] { "admin", "fm", "partnerA-assigned" })
        {
            var client = world.Personas[persona];
            foreach (var (url, page) in await CrawlAsync(client, [$"/", "/Engagements", $"/Engagements/{world.EngagementA}", "/Customers",
                         $"/Customers/{world.CustomerA}", "/Catalogue", "/Admin/Users", "/Admin/Organisations", $"/Admin/Organisations/{world.OrgA}"]))
            {
                crawled.Add((client, url));
                foreach (var form in DistinctForms(page))
                {
                    var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
                    if (SkippedActions.Any(s => action.StartsWith(s, StringComparison.OrdinalIgnoreCase))) continue;
                    // Each payload in the visible fields of one form and in the hidden ones too in the next: bounded, and
                    // every payload still reaches both.
                    formsTried++;
                    for (var i = 0; i < FuzzValues.Length; i++)
                    {
                        var bad = FuzzValues[i];
                        var hiddenToo = (formsTried + i) % 2 == 1;
                        var response = await client.PostAsync(action, new FormUrlEncodedContent(Garbled(form, bad, hiddenToo)));
                        requests++;
                        if ((int)response.StatusCode >= 500)
                            failures.Add($"{persona}: POST {action} (from {url}) with \"{Shorten(bad)}\"{(hiddenToo ? " in hidden fields too" : "")} → {(int)response.StatusCode}");
                    }
                }
            }
        }
        // Whatever was stored is shown as text: no script or image element of the fuzz on any page afterwards.
        var unescaped = new List<string>();
        var shownAsText = 0;
        foreach (var (client, url) in crawled)
        {
            var response = await client.GetAsync(url);
            if ((int)response.StatusCode >= 500) failures.Add($"GET {url} after the fuzz → {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var page = FormPosting.Parse(await response.Content.ReadAsStringAsync());
            if (page.QuerySelectorAll("script").Any(e => e.TextContent.Contains("fuzz", StringComparison.Ordinal))
                || page.QuerySelectorAll("img[onerror]").Any())
                unescaped.Add(url);
            if (page.Body!.TextContent.Contains(Script, StringComparison.Ordinal)) shownAsText++;
        }
        output.WriteLine($"figure: bad input fuzz of the forms ({(Environment.GetEnvironmentVariable("FASTTRACK_TEST_POSTGRES") is null ? "SQLite" : "PostgreSQL")}): {requests:N0} requests, {failures.Count} 5xx, {unescaped.Count} pages with a payload unescaped, {shownAsText} showing one as text");
        Assert.True(requests >= 2_000, $"only {requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
        Assert.True(shownAsText > 0, "No stored payload was shown: the check below would prove nothing.");
        Assert.True(unescaped.Count == 0, "Unescaped payload on: " + string.Join(", ", unescaped.Distinct()));
    }

    private static string Shorten(string value) => (value.Length > 30 ? value[..30] + "…" : value).Replace("\0", "\\0");

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
