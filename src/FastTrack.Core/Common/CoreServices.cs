using FastTrack.Common.Behaviors;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Common;

public static class CoreServices
{
    /// <summary>
    /// MediatR 5 wired by hand (its DI package does not restore here): every handler and validator in
    /// this assembly is found by scanning, so a new use case needs no registration code.
    /// Behaviours run in this order: logging → authorization → validation → handler.
    /// </summary>
    public static IServiceCollection AddFastTrackCore(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblies(typeof(CoreServices).Assembly)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime());
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Caching.ReadCache>();
        return services;
    }
}
