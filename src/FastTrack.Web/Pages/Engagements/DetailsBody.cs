using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>
/// The engagement page's content (<c>_DetailsBody.cshtml</c>), rendered once per cached view and language and then
/// written again from memory (docs/decisions/0012-engagement-page-kept-with-its-view.md).
/// <para>
/// A view read from the cache is the same object until the engagement, the catalogue or the directory changes, and it
/// belongs to one user with their roles (the engagement query caches it per user and roles): everything the content shows comes from
/// it, from the caller's access (part of the view) and from the language. Two things are per request and are never
/// kept: the form token, rendered as <see cref="FormTokenField"/> and replaced by this request's field on the way out,
/// and a refused form's messages (<see cref="DetailsModel.Posted"/>), whose page is rendered afresh and not kept.
/// The rendered text lives as long as its view (a weak table keyed by it), so the read cache's limits bound it too.
/// </para>
/// </summary>
public static class DetailsBody
{
    /// <summary>
    /// Where each form's antiforgery field goes. A comment cannot come from data: text from the database is HTML-encoded
    /// ("&lt;" becomes "&amp;lt;").
    /// </summary>
    public static readonly HtmlString FormTokenField = new("<!--form-token-->");

    /// <summary>Raised each time the content is rendered rather than written from memory (the tests watch it).</summary>
    internal static event Action<GetEngagement.View>? Rendering;

    private static readonly ConditionalWeakTable<GetEngagement.View, ConcurrentDictionary<(string, string), string[]>> Rendered = [];

    public static async Task<IHtmlContent> RenderAsync(IHtmlHelper html, DetailsModel model)
    {
        var token = html.AntiForgeryToken();
        var reusable = model.Posted is null && html.ViewData.ModelState.IsValid;
        var byLanguage = reusable ? Rendered.GetOrCreateValue(model.View) : null;
        var language = (CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name);
        if (byLanguage is not null && byLanguage.TryGetValue(language, out var kept)) return new WithFormToken(kept, token);

        Rendering?.Invoke(model.View);
        var content = await html.PartialAsync("_DetailsBody", model);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(text, HtmlEncoder.Default);
        var parts = text.ToString().Split(FormTokenField.Value!);
        byLanguage?.TryAdd(language, parts);
        return new WithFormToken(parts, token);
    }

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
