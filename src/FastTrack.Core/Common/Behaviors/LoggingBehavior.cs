using System.Diagnostics;
using FastTrack.Common.Security;
using MediatR;
using Microsoft.Extensions.Logging;

namespace FastTrack.Common.Behaviors;

/// <summary>
/// Logs each request by name, user, elapsed time and outcome. It never logs field values: a command
/// may carry a password.
/// </summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken,
        RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestName(typeof(TRequest));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            // Debug: the request log already has a line per HTTP request; failures below stay at Information/Error.
            logger.LogDebug("{Request} by {UserId} succeeded in {ElapsedMs:0.0} ms",
                name, user.Id ?? "anonymous", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            if (ex is Domain.Common.NotFoundException && AccessScope.IsPartnerOnly(user))
            {
                // A partner asking for a record outside their organisation's scope (an id changed in a URL or a form).
                logger.LogWarning("{Request} by {UserId} refused: not found in the caller's access scope", name, user.Id);
                throw;
            }
            var level = ex is FluentValidation.ValidationException or Domain.Common.DomainException
                or Domain.Common.NotFoundException or Domain.Common.ConcurrencyConflictException
                or ForbiddenException
                ? LogLevel.Information : LogLevel.Error;
            logger.Log(level, level == LogLevel.Error ? ex : null,
                "{Request} by {UserId} failed in {ElapsedMs:0.0} ms: {Outcome}",
                name, user.Id ?? "anonymous", Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>"EditTask.Command" rather than "Command": use cases nest their requests.</summary>
    internal static string RequestName(Type t) => t.DeclaringType is null ? t.Name : $"{t.DeclaringType.Name}.{t.Name}";
}
