using System.Reflection;
using FastTrack.Common.Security;
using MediatR;

namespace FastTrack.Common.Behaviors;

/// <summary>
/// Refuses a request its caller may not send. A request that declares nothing is refused too, so a
/// use case added later without a rule fails closed.
/// </summary>
internal sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser user) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        Check(typeof(TRequest), user);
        return next();
    }

    internal static void Check(Type requestType, ICurrentUser user)
    {
        if (requestType.GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null) return;
        if (!user.IsAuthenticated) throw new ForbiddenException("Sign in first.");
        if (requestType.GetCustomAttribute<AnySignedInUserAttribute>() is not null) return;
        var roles = requestType.GetCustomAttribute<AllowedRolesAttribute>()
            ?? throw new ForbiddenException($"{requestType.FullName} declares no access rule.");
        if (!roles.Roles.Any(user.IsInRole)) throw new ForbiddenException("Your role may not do this.");
    }
}
