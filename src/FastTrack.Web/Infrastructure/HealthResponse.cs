using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FastTrack.Web.Infrastructure;

/// <summary>/health answers JSON: overall status, the state of each check (the database, mail) and what a degraded one says.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
            // What a degraded or failing check says (mail: "Mail:Host is not set …"); no exception text.
            messages = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy && e.Value.Description is not null)
                .ToDictionary(e => e.Key, e => e.Value.Description),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
