using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>
/// Active usage over time per service against the dashed 10% line, each service's forecast as a dashed continuation
/// and its target date as a dotted upright line: server-rendered SVG, no script. The engagement and
/// usage pages both show it. Written as one string rather than a partial view: on the busiest page the partial's
/// look-up and activation cost more than the drawing (docs/performance.md). A view read from the cache is the same
/// object until the engagement changes, so its chart is drawn once per language and kept with it.
/// </summary>
public static class UsageChart
{
    private const double W = 640, H = 260, Left = 48, Right = 16, Top = 16, Bottom = 36;
    private static readonly string[] Colours = ["#0d6efd", "#198754", "#d63384", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#dc3545"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly ConditionalWeakTable<GetEngagement.View, ConcurrentDictionary<(string, string), IHtmlContent>> Drawn = [];

    public static IHtmlContent Render(GetEngagement.View view, IStringLocalizer text) =>
        Drawn.GetOrCreateValue(view).GetOrAdd((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name), _ => Draw(view, text));

    private static HtmlString Draw(GetEngagement.View view, IStringLocalizer text)
    {
        var culture = CultureInfo.CurrentCulture;
        var records = view.UsageRecords.OrderBy(r => r.On).Select(r => (r.Service, r.On, Percent: (double)r.Percent)).ToList();
        var first = records.Count == 0 ? view.Engagement.AssignedOn : Min(view.Engagement.AssignedOn, records.Min(r => r.On));
        var last = records.Count == 0 ? view.Today : Max(view.Today, records.Max(r => r.On));
        // The projections and target dates lie ahead: the chart reaches the furthest of them, up to a year from today.
        var horizon = view.Today.AddDays(365);
        var projections = view.Forecasts.Select(f => (f.Service, f.Forecast, End: ProjectionEnd(f.Forecast, view.Today, horizon))).ToList();
        foreach (var p in projections) if (p.End is { } end) last = Max(last, end);
        foreach (var f in view.Forecasts) if (f.TargetOn is { } t && t <= horizon && t >= first) last = Max(last, t);
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        var maxPct = Math.Max(20.0, records.Count == 0 ? 0 : records.Max(r => r.Percent) * 1.15);
        double X(DateOnly d) => Left + (d.DayNumber - first.DayNumber) * (W - Left - Right) / span;
        double Y(double pct) => H - Bottom - Math.Clamp(pct, 0, maxPct) * (H - Top - Bottom) / maxPct;
        var services = view.Engagement.Services.Select(s => s.Service).ToList();
        var byService = records.ToLookup(r => r.Service);

        var html = new StringBuilder(2048);
        void Label(double x, double y, string content, string anchor = "start", string fill = "#333") =>
            html.Append(Inv, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"{fill}\">{Encode(content)}</text>\n");
        void Line(double x1, double y1, double x2, double y2, string stroke, string extra = "") =>
            html.Append(Inv, $"<line x1=\"{x1:0.#}\" y1=\"{y1:0.#}\" x2=\"{x2:0.#}\" y2=\"{y2:0.#}\" stroke=\"{stroke}\"{extra} />\n");

        html.Append(Inv, $"<figure class=\"mb-2\">\n<svg viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-labelledby=\"au-title au-desc\" class=\"bg-white border rounded\" data-testid=\"au-chart\">\n");
        html.Append("<title id=\"au-title\">").Append(Encode(text["Active usage over time per service"])).Append("</title>\n");
        html.Append("<desc id=\"au-desc\">")
            .Append(Encode(text["Active users as a percentage of seats for each service, with the 10% goal as a dashed line. The table below has the same figures."]))
            .Append(' ')
            .Append(Encode(text["Each service's forecast continues its line, dashed; a dotted upright line marks its target date. The forecast table has the same dates."]))
            .Append("</desc>\n");
        Line(Left, Y(0), W - Right, Y(0), "#333");
        Line(Left, Top, Left, Y(0), "#333");
        foreach (var tick in new[] { 0.0, 10.0, maxPct / 2, maxPct }.Distinct())
            Label(Left - 6, Y(tick) + 4, (tick / 100).ToString("P0", culture), "end");
        html.Append(Inv, $"<line x1=\"{Left}\" y1=\"{Y(10)}\" x2=\"{W - Right}\" y2=\"{Y(10)}\" stroke=\"#b02a37\" stroke-dasharray=\"6 4\" data-testid=\"goal-line\" />\n");
        Label(W - Right, Y(10) - 4, text["10% goal"], "end", "#b02a37");
        Label(Left, H - 12, first.ToString("d", culture));
        Label(W - Right, H - 12, last.ToString("d", culture), "end");
        for (var i = 0; i < services.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var forecast = view.Forecasts.FirstOrDefault(f => f.Service == services[i]);
            if (forecast?.TargetOn is { } target && target >= first && target <= last)
            {
                Line(X(target), Top, X(target), Y(0), colour, $" stroke-dasharray=\"2 3\" data-testid=\"target-marker\" data-service=\"{Encode(services[i])}\"");
                Label(X(target) + 3, Top + 10 + 12 * (i % 3), text["target"], "start", colour);
            }
            var points = byService[services[i]].Select(r => (X: X(r.On).ToString("0.#", Inv), Y: Y(r.Percent).ToString("0.#", Inv))).ToList();
            if (points.Count == 0) continue;
            html.Append("<polyline points=\"").AppendJoin(' ', points.Select(p => p.X + "," + p.Y))
                .Append($"\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" data-service=\"{Encode(services[i])}\" />\n");
            foreach (var (x, y) in points) html.Append($"<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{colour}\" />\n");
            // The forecast: the least-squares line from the latest figure on to the day it reaches the next goal (or the chart's end).
            var projection = projections.FirstOrDefault(p => p.Service == services[i]);
            if (projection.End is { } end && projection.Forecast.LatestOn is { } from)
                Line(X(from), Y(projection.Forecast.PercentOn(from)), X(end), Y(projection.Forecast.PercentOn(end)), colour,
                    $" stroke-width=\"2\" stroke-dasharray=\"5 4\" data-projection=\"{Encode(services[i])}\"");
        }
        html.Append("</svg>\n<figcaption class=\"small\">\n");
        for (var i = 0; i < services.Count; i++)
            html.Append($"<span class=\"me-3\"><span aria-hidden=\"true\" style=\"color: {Colours[i % Colours.Length]}\">●</span> {Encode(services[i])}</span>\n");
        html.Append("</figcaption>\n</figure>\n");
        return new HtmlString(html.ToString());
    }

    /// <summary>
    /// Where a service's dashed forecast ends: the projected 10 % day, else (10 % reached) the 40 % day, else (flat or
    /// falling) 30 days after today; never past the horizon. None without enough data or with both goals reached.
    /// </summary>
    private static DateOnly? ProjectionEnd(UsageForecast f, DateOnly today, DateOnly horizon)
    {
        if (!f.EnoughData || f.LatestOn is null) return null;
        var next = f.Goal10.State == ProjectionState.Reached ? f.Goal40 : f.Goal10;
        var end = next.State switch
        {
            ProjectionState.Projected => next.On!.Value,
            ProjectionState.FlatOrFalling => Max(today, f.LatestOn.Value).AddDays(30),
            _ => (DateOnly?)null,
        };
        return end is { } e ? Min(e, horizon) : null;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
