using FastTrack.Common.Security;
using FastTrack.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using FastTrack.Web.Messages;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Turns what a use case refuses into what the user sees, so pages stay thin (bind, send, redirect):
/// validation failures become messages next to their fields, a broken rule or an edit conflict a
/// message at the top of the form, a missing record 404 and a forbidden action 403.
/// The page is re-rendered with what the user typed; a page that needs lookups implements <see cref="IRedisplay"/>.
/// </summary>
internal sealed class UseCaseExceptionFilter(UserMessages t) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!context.ModelState.IsValid && HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            await RefuseUnreadableAsync(context);
            return;
        }
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        var modelState = context.ModelState;
        switch (executed.Exception)
        {
            case ValidationException v:
                foreach (var e in v.Errors)
                    modelState.AddModelError(string.IsNullOrEmpty(e.PropertyName) ? "" : "Data." + e.PropertyName, t.Translate(e.ErrorMessage));
                break;
            case DomainException d:
                modelState.AddModelError("", t.Translate(d));
                break;
            case ConcurrencyConflictException c:
                modelState.AddModelError("", t.Translate(c.Message));
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                return;
            case ForbiddenException:
                executed.Result = new ForbidResult();
                executed.ExceptionHandled = true;
                return;
            default:
                return;
        }
        executed.Result = executed.HandlerInstance is IRedisplay redisplay ? await RedisplayAsync(redisplay) : new PageResult();
        executed.ExceptionHandled = true;
    }

    /// <summary>
    /// Reloads the page's lookups for the form shown again; the reload is a read of its own, so a record the caller may not
    /// reach (another organisation's engagement) is 404 and a forbidden one 403 here too, never a 500 (issue 20).
    /// </summary>
    private static async Task<IActionResult> RedisplayAsync(IRedisplay redisplay)
    {
        try
        {
            await redisplay.OnRedisplayAsync();
            return new PageResult();
        }
        catch (NotFoundException)
        {
            return new NotFoundResult();
        }
        catch (ForbiddenException)
        {
            return new ForbidResult();
        }
    }

    /// <summary>
    /// A field that could not be read as its type (<see cref="BindingFailures"/>): the use case is not sent, the form is shown
    /// again with what was typed and a message on each such field.
    /// </summary>
    private async Task RefuseUnreadableAsync(PageHandlerExecutingContext context)
    {
        var modelState = context.ModelState;
        foreach (var (key, entry) in modelState.Where(e => e.Value is { Errors.Count: > 0 }).Select(e => (e.Key, e.Value!)).ToList())
        {
            entry.Errors.Clear();
            modelState.AddModelError(key, t.Translate(BindingFailures.MessageFor(context, key)));
        }
        context.Result = context.HandlerInstance is IRedisplay redisplay ? await RedisplayAsync(redisplay) : new PageResult();
    }
}

/// <summary>A page that must reload its lookups (lists, the record being edited) before showing a refused form again.</summary>
public interface IRedisplay
{
    Task OnRedisplayAsync();
}
