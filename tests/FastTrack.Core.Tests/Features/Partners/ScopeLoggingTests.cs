using FastTrack.Domain.Common;
using FastTrack.Features.Engagements;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastTrack.Tests.Features.Partners;

/// <summary>Keeps every log line written, to check what is logged and what never is.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines) owner.Lines.Add((logLevel, formatter(state, exception)));
        }
    }
}

public class ScopeLoggingTests
{
    [Fact]
    public async Task Reaching_another_organisations_engagement_is_logged_as_a_warning_without_its_data()
    {
        await using var w = await PartnerWorld.CreateAsync();
        var logs = new CapturedLogs();
        await using var sp = w.F.Db.Services(w.PartnerAAssigned, w.F.Clock, logs);
        await using var scope = sp.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await Assert.ThrowsAsync<NotFoundException>(() => mediator.Send(new AddNote.Command { EngagementId = w.EngagementB, Text = "secret words" }));

        var warning = Assert.Single(logs.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("AddNote.Command", warning.Message);
        Assert.Contains(w.PartnerAAssigned.Id!, warning.Message);
        Assert.Contains("not found in the caller's access scope", warning.Message);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("secret words") || l.Message.Contains("Northwind"));
    }
}
