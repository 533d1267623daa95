using System.Diagnostics;
using System.Security.Claims;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// One log line per request: method, path, status, elapsed ms, user id. Serilog.AspNetCore does not
/// restore here, so this is the small middleware it would have been. The query string is left out:
/// it may carry a return URL or a search term that names a customer.
/// </summary>
internal sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            logger.Log(level, "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms for {UserId}",
                context.Request.Method, context.Request.Path.Value, status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
        }
    }
}
