using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FastTrack.Web.Pages.Shared;

/// <summary>
/// A page's content rendered once per cached read result and language, then written again from memory
/// (docs/decisions/0012-pages-kept-with-their-cached-reads.md). The engagement page (<c>_DetailsBody.cshtml</c>) and the
/// engagement list (<c>_IndexBody.cshtml</c>) use it.
/// <para>
/// A result read from the read cache is the same object until what it was read from changes (ADR 0009), and its cache
/// key already holds who may see it. The kept text is filed under that object (a weak table: it lives exactly as long
/// as the result), the language and a <c>variant</c> for anything else the content shows (e.g. the caller's rights).
/// Two things are per request and are never kept: the form token, rendered as <see cref="FormTokenField"/> and replaced
/// by this request's field on the way out, and a refused form's messages: a page showing them is rendered afresh
/// (<c>reusable: false</c>) and not kept.
/// </para>
/// </summary>
public static partial class KeptHtml
{
    /// <summary>
    /// Where each form's antiforgery field goes. A comment cannot come from data: text from the database is HTML-encoded
    /// ("&lt;" becomes "&amp;lt;").
    /// </summary>
    public static readonly HtmlString FormTokenField = new("<!--form-token-->");

    /// <summary>Raised with the cached result each time content is rendered rather than written from memory (the tests watch it).</summary>
    internal static event Action<object>? Rendering;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string, string, object?), string[]>> Rendered = [];

    /// <param name="compact">
    /// Drop the indentation Razor copies from the template into every line (about 40 % of the catalogue page's bytes with
    /// the whole playbook). Only for content without whitespace-sensitive parts (no <c>textarea</c>, no <c>pre</c>, no
    /// <c>white-space: pre</c>): a line break stays, so the page renders the same.
    /// </param>
    public static async Task<IHtmlContent> RenderAsync(IHtmlHelper html, string partial, object model, object source, object? variant, bool reusable,
        bool compact = false)
    {
        var token = html.AntiForgeryToken();
        var kept = reusable && html.ViewData.ModelState.IsValid ? Rendered.GetOrCreateValue(source) : null;
        var key = (CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, variant);
        if (kept is not null && kept.TryGetValue(key, out var parts)) return new WithFormToken(parts, token);

        Rendering?.Invoke(source);
        var content = await html.PartialAsync(partial, model);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(text, HtmlEncoder.Default);
        parts = (compact ? Indentation().Replace(text.ToString(), "\n") : text.ToString()).Split(FormTokenField.Value!);
        // The text is kept only while its result is in the read cache, and weighs on the cache's bound (issue 22): a result
        // that is not cached (a search) or that no longer fits keeps nothing.
        if (kept is not null && !kept.ContainsKey(key)
            && html.ViewContext.HttpContext.RequestServices.GetRequiredService<FastTrack.Common.Caching.ReadCache>()
                .AddKept(source, Weigh(parts)))
            kept.TryAdd(key, parts);
        return new WithFormToken(parts, token);
    }

    /// <summary>A line break with the blank lines and indentation after it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\n\s+")]
    private static partial System.Text.RegularExpressions.Regex Indentation();

    private static long Weigh(string[] parts) =>
        FastTrack.Common.Caching.Weigh.List(parts.Length) + parts.Sum(FastTrack.Common.Caching.Weigh.Text) + 3 * FastTrack.Common.Caching.Weigh.Row;

    /// <summary>The kept text with this request's form token field between its parts.</summary>
    private sealed class WithFormToken(string[] parts, IHtmlContent token) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            writer.Write(parts[0]);
            for (var i = 1; i < parts.Length; i++)
            {
                token.WriteTo(writer, encoder);
                writer.Write(parts[i]);
            }
        }
    }
}
