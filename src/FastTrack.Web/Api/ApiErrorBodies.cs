using Microsoft.AspNetCore.Diagnostics;

namespace FastTrack.Web.Api;

/// <summary>
/// Under /api an error without a body (a method the route does not answer, a body too large …) becomes problem details
/// rather than the HTML error page: API clients read JSON.
/// </summary>
internal sealed class ApiErrorBodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiSetup.IsApi(context))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        await next(context);
        if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null)
            await context.RequestServices.GetRequiredService<ApiProblemWriter>().WriteAsync(context, context.Response.StatusCode,
                Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(context.Response.StatusCode));
    }
}
