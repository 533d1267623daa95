using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Razor Pages turns every public <c>On{Verb}[Name][Async]</c> method into a handler of that HTTP verb. Pages here serve
/// GET (no state change) and POST (antiforgery-checked) only, so any other "verb" (OnRedisplayAsync → REDISPLAY) is dropped.
/// </summary>
internal sealed class GetAndPostHandlersOnly : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        foreach (var handler in model.HandlerMethods.ToList())
            if (!handler.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase) && !handler.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase))
                model.HandlerMethods.Remove(handler);
    }
}
