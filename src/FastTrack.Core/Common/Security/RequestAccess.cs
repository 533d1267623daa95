namespace FastTrack.Common.Security;

/// <summary>
/// Declares who may send a MediatR request. Every request must carry exactly one of these; the
/// <see cref="Behaviors.AuthorizationBehavior{TRequest,TResponse}"/> refuses the rest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in user may send this request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnySignedInUserAttribute : Attribute;

/// <summary>Anonymous callers may send this request (sign-in, first-run setup).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;
