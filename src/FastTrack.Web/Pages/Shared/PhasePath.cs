using System.Text;
using System.Text.Encodings.Web;
using FastTrack.Domain.Engagements;
using Microsoft.AspNetCore.Html;

namespace FastTrack.Web.Pages.Shared;

/// <summary>
/// An engagement's path through the playbook, "Initiate ▸ Assess ▸ Enable ▸ Success", with the current phase marked in
/// words and weight as well as colour (<c>aria-current="step"</c>, a hidden "current phase" for screen readers, bold).
/// Built from the phases the page has already read and the engagement's own row: no query per row. Plain text, not a
/// partial: the list writes one per row.
/// </summary>
public static class PhasePath
{
    /// <param name="phases">The catalogue's phases in order (id, name in the user's language).</param>
    /// <param name="skipped">The engagement's <see cref="Engagement.SkippedPhases"/>.</param>
    public static IHtmlContent Render(IEnumerable<(int Id, string Name)> phases, string skipped, int currentPhaseId, string label, string currentLabel)
    {
        var skip = PhasePlan.Parse(skipped);
        var enc = HtmlEncoder.Default;
        var html = new StringBuilder(256);
        html.Append("<ol class=\"phase-path\" data-testid=\"phase-path\" aria-label=\"").Append(enc.Encode(label)).Append("\">");
        var first = true;
        foreach (var (id, name) in phases)
        {
            if (skip.Contains(id)) continue;
            var current = id == currentPhaseId;
            html.Append(current ? "<li class=\"current\" aria-current=\"step\">" : "<li>");
            if (!first) html.Append("<span aria-hidden=\"true\" class=\"sep\"> ▸ </span>");
            html.Append(current ? "<strong>" : "").Append(enc.Encode(name)).Append(current ? "</strong>" : "");
            if (current) html.Append("<span class=\"visually-hidden\"> (").Append(enc.Encode(currentLabel)).Append(")</span>");
            html.Append("</li>");
            first = false;
        }
        return new HtmlString(html.Append("</ol>").ToString());
    }
}
