using Serilog.Core;
using Serilog.Events;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Every sink writes an exception as its type and stack trace, without its message: a message can quote what was
/// posted (a value that failed to convert, a name in an argument check), and docs/security.md promises no posted
/// values in the logs. Inner exceptions are written the same way. The app's own sinks (console and file) get events
/// through this; the request's method, path, status, user id and the exception's type still say what failed where.
/// </summary>
internal sealed class WithoutExceptionMessages(ILogEventSink sinks) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => sinks.Emit(logEvent.Exception is null ? logEvent : Redact(logEvent));

    internal static LogEvent Redact(LogEvent e) =>
        new(e.Timestamp, e.Level, new LoggedException(e.Exception!), e.MessageTemplate,
            e.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), e.TraceId ?? default, e.SpanId ?? default);

    public void Dispose() => (sinks as IDisposable)?.Dispose();
}

/// <summary>An exception as it is logged: the original's type, stack trace and inner exceptions, no message.</summary>
internal sealed class LoggedException(Exception original) : Exception(original.GetType().FullName)
{
    public override string? StackTrace => original.StackTrace;

    public override string ToString() => Describe(original);

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().FullName} (message not logged)";
        if (ex is AggregateException { InnerExceptions.Count: > 1 } many)
            text += string.Concat(many.InnerExceptions.Select((inner, i) => $"{Environment.NewLine} ---> ({i}) {Describe(inner)}"));
        else if (ex.InnerException is { } inner)
            text += $"{Environment.NewLine} ---> {Describe(inner)}{Environment.NewLine}   --- End of inner exception stack trace ---";
        if (ex.StackTrace is { } trace) text += Environment.NewLine + trace;
        return text;
    }
}
