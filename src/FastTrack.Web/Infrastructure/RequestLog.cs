using System.Security.Claims;
using Serilog.AspNetCore;
using Serilog.Events;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// One log line per request (Serilog.AspNetCore): method, path, status, elapsed ms and the user's id. The path is
/// written without its query string (Serilog's default): a query may carry a return URL or a search term that
/// names a customer. Nothing else of the request (headers, cookies, form fields) is added.
/// </summary>
internal sealed class RequestLog(Serilog.ILogger logger)
{
    public void Configure(RequestLoggingOptions o)
    {
        o.Logger = logger;
        o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {UserId}";
        o.IncludeQueryInRequestPath = false;
        o.GetLevel = (_, _, ex) => ex is not null ? LogEventLevel.Error : LogEventLevel.Information;
        o.EnrichDiagnosticContext = (diagnostics, http) =>
            diagnostics.Set("UserId", http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous");
    }
}
