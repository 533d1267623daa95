using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// A page request whose body is declared larger than the app reads (a multipart upload over the form limit, anything
/// else over Kestrel's) is answered 413 before antiforgery or binding reads it, so the error page can say how large a
/// file may be rather than "something went wrong". The API answers its own sizes (problem details).
/// </summary>
public sealed class OversizedRequests(RequestDelegate next, IOptions<FormOptions> form)
{
    /// <summary>Kestrel's MaxRequestBodySize (WebSetup).</summary>
    public const long MaxBody = 8 * 1024 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        var limit = http.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            ? Math.Min(form.Value.MultipartBodyLengthLimit, MaxBody) : MaxBody;
        // (The error page's re-execution of this same request passes: it reads no body.)
        if (http.Request.ContentLength > limit && !Api.ApiSetup.IsApi(http)
            && http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
