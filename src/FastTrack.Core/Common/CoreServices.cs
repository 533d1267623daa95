using FastTrack.Common.Behaviors;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Common;

public static class CoreServices
{
    /// <summary>
    /// MediatR 5 wired by hand (its DI package needs MediatR 12, which does not restore here): every handler in this
    /// assembly is found by scanning, and every validator by FluentValidation's own scan, so a new use case needs no
    /// registration code.
    /// Behaviours run in this order: logging → authorization → validation → handler.
    /// </summary>
    public static IServiceCollection AddFastTrackCore(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan.FromAssemblies(typeof(CoreServices).Assembly)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime());
        // A validator builds its rules in its constructor: one without dependencies is built once (FluentValidation's
        // validators are stateless once built); one that reads the database is built per request with its context.
        services.AddValidatorsFromAssemblyContaining(typeof(CoreServices), ServiceLifetime.Singleton,
            filter: r => Stateless(r.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining(typeof(CoreServices), ServiceLifetime.Scoped,
            filter: r => !Stateless(r.ValidatorType), includeInternalTypes: true);
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(TimeProvider.System);
        // The clocks' thresholds: their defaults here, the "Clocks" section of the configuration in the app (WebSetup).
        services.AddOptions<Domain.Engagements.ClockSettings>();
        services.AddSingleton<Caching.ReadCache>();
        services.AddSingleton<Features.Engagements.SetTaskStatus.Writer>();
        services.AddSingleton<Features.Account.SessionCheck>();
        return services;
    }

    private static bool Stateless(Type validator) => validator.GetConstructors().All(c => c.GetParameters().Length == 0);
}
