using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FastTrack.Web.Infrastructure;

/// <summary>/health answers JSON: overall status and the state of each check (the database).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
