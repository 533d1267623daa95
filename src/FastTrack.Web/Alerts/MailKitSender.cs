using System.Net.Sockets;
using FastTrack.Features.Alerts;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FastTrack.Web.Alerts;

/// <summary>The one class that speaks SMTP (MailKit): a connection per mail, the settings' TLS mode, credentials if set.</summary>
internal sealed class MailKitSender(MailSettings settings, MailStatus status) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        try
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            await client.ConnectAsync(settings.Host!, settings.Port, Options(settings.Tls), ct);
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            status.Sent();
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpCommandException or SmtpProtocolException or AuthenticationException or SslHandshakeException)
        {
            status.Failed($"The SMTP server {settings.Host}:{settings.Port} did not take a mail ({Describe(ex)}); it is tried again later.");
            throw;
        }
    }

    public static SecureSocketOptions Options(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>What went wrong, without anything the server echoed (no addresses, no credentials).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SocketException s => s.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : s.SocketErrorCode.ToString(),
        AuthenticationException => "the user name or password was refused",
        SslHandshakeException => "TLS handshake failed",
        SmtpCommandException c => $"SMTP {(int)c.StatusCode}",
        _ => ex.GetType().Name,
    };
}

/// <summary>
/// The state of mail for /health: the settings' problems, or the last connection attempt. Each new state is logged once
/// (a warning when mail cannot go out, information when it works again), not at every attempt.
/// </summary>
public sealed class MailStatus(ILogger<MailStatus> log)
{
    private readonly Lock _gate = new();
    private string? _problem;
    private bool _known;

    /// <summary>Null when mail works (or nothing says otherwise yet); else what stops it, in a sentence.</summary>
    public string? Problem { get { lock (_gate) return _problem; } }

    public void Failed(string problem)
    {
        lock (_gate)
        {
            if (_known && _problem == problem) return;
            _problem = problem;
            _known = true;
        }
        log.LogWarning("Mail degraded: {Problem}", problem);
    }

    public void Sent()
    {
        lock (_gate)
        {
            if (_known && _problem is null) return;
            var was = _problem;
            _problem = null;
            _known = true;
            if (was is null) return;
        }
        log.LogInformation("Mail works again");
    }
}

/// <summary>/health's "mail" entry: degraded (never unhealthy: the app works without mail) with the reason.</summary>
internal sealed class MailHealthCheck(MailStatus status) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(status.Problem is { } problem
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Degraded(problem)
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
}
