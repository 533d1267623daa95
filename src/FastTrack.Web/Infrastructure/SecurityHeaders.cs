namespace FastTrack.Web.Infrastructure;

/// <summary>Headers every response carries: no inline script, no framing, no sniffing, no caching of signed-in pages.</summary>
internal sealed class SecurityHeaders(RequestDelegate next, SsoSettings sso)
{
    private const string BaseCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The single sign-on button posts a form that the app redirects to the provider's authorization endpoint, which
    // form-action must allow (Chromium checks redirects too): the authority's origin (Entra ID: login.microsoftonline.com).
    private readonly string _csp = sso.Enabled && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var authority)
        ? BaseCsp.Replace("form-action 'self'", $"form-action 'self' {authority.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
        : BaseCsp;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            // The API reference page (Scalar) writes its script tags with a fresh nonce per response: only those run.
            h.ContentSecurityPolicy = context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] is string nonce
                ? _csp.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                : _csp;
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            h.XFrameOptions = "DENY";
            if (context.User.Identity?.IsAuthenticated == true && !context.Request.Path.StartsWithSegments("/lib")
                && !context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js"))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
