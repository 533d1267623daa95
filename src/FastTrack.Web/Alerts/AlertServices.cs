using System.Net.Sockets;
using FastTrack.Features.Alerts;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Alerts;

/// <summary>Alerts and mail in the composition root: settings, the SMTP seam, /health's "mail", the two background loops.</summary>
public static class AlertServices
{
    public static void AddFastTrackAlerts(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(MailSettings.Read(config));
        services.Configure<AlertSettings>(config.GetSection(AlertSettings.Section));
        services.AddSingleton<MailStatus>();
        services.AddSingleton<IMailSender, MailKitSender>();
        services.AddSingleton<AlertTexts>();
        services.AddSingleton<IAlertMailWriter>(sp => sp.GetRequiredService<AlertTexts>());
        services.AddSingleton<FastTrack.Features.Account.IPasswordResetMailWriter, PasswordResetTexts>();
        services.AddScoped<AlertRun>();
        services.AddScoped<OutboxSender>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail");
        services.AddHostedService<MailProbe>();
        services.AddHostedService<AlertRunService>();
        services.AddHostedService<OutboxSenderService>();
    }
}

/// <summary>At start: says on /health (and once in the log) when mail cannot work: settings, or a server that refuses.</summary>
internal sealed class MailProbe(MailSettings settings, MailStatus status) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.CanSend)
        {
            status.Failed(string.Join(" ", settings.Problems));
            return;
        }
        try
        {
            using var tcp = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tcp.ConnectAsync(settings.Host!, settings.Port, timeout.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            var why = ex is SocketException s ? MailKitSender.Describe(s) : "no answer within 5 seconds";
            status.Failed($"Cannot connect to the SMTP server {settings.Host}:{settings.Port} ({why}): mails wait in the outbox and are retried.");
        }
    }
}

/// <summary>Runs the alert evaluation and the digests every Alerts:EvaluateEveryMinutes (one instance at a time: a lease).</summary>
internal sealed class AlertRunService(IServiceScopeFactory scopes, IOptions<AlertSettings> settings, ILogger<AlertRunService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.RunInBackground) return;
        var every = TimeSpan.FromMinutes(Math.Max(1, settings.Value.EvaluateEveryMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AlertRun>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Alert run failed; next in {Minutes} minutes", every.TotalMinutes);
            }
            try { await Task.Delay(every, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>Sends the outbox every Mail:PollSeconds.</summary>
internal sealed class OutboxSenderService(IServiceScopeFactory scopes, MailSettings mail, IOptions<AlertSettings> settings, ILogger<OutboxSenderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.RunInBackground || !mail.CanSend) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Outbox round failed");
            }
            try { await Task.Delay(mail.PollEvery, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
