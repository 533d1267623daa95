namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Outside Development, FastTrack is reached over HTTPS only (its cookies are Secure, so antiforgery and sign-in cannot
/// work over plain HTTP). A plain-HTTP request gets a clear 400 saying so, not a failure deep in a form; the health
/// endpoints answer over HTTP for load balancers. Behind a TLS-terminating proxy the request counts as HTTPS once the
/// proxy is listed in <c>ReverseProxy:KnownProxies</c> (docs/deployment.md).
/// </summary>
internal sealed class HttpsOnly(RequestDelegate next, ILogger<HttpsOnly> log)
{
    private int _logged;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.IsHttps || http.Request.Path.StartsWithSegments("/health"))
        {
            await next(http);
            return;
        }
        if (Interlocked.Exchange(ref _logged, 1) == 0)
            log.LogWarning("A request reached FastTrack over plain HTTP and was refused: serve it over HTTPS, or list the TLS-terminating proxy in ReverseProxy:KnownProxies");
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(
            "FastTrack is served over HTTPS only: open this address with https://. " +
            "(Administrators: behind a proxy that terminates TLS, list the proxy in ReverseProxy:KnownProxies; see docs/deployment.md.)\n");
    }
}
