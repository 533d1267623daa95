using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// A POST to a page that has no handler for it (<c>POST /Engagements/5</c>, or <c>?handler=Nothing</c>) is answered
/// 405 Method Not Allowed. Without this Razor Pages renders the page without running any handler, and a page whose
/// model is filled by its GET handler fails with a 500.
/// </summary>
internal sealed class NoHandlerNoPost : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }
        return next();
    }
}
