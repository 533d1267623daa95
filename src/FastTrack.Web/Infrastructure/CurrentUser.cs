using System.Security.Claims;
using FastTrack.Common.Security;

namespace FastTrack.Web.Infrastructure;

/// <summary>The signed-in principal of the current HTTP request, as the core layer sees it.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? Id => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => IsAuthenticated ? Principal!.Identity!.Name ?? "" : "anonymous";
    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}
