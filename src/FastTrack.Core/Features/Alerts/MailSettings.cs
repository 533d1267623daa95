using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FastTrack.Features.Alerts;

public enum MailTls
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// Settings section "Mail": the SMTP server, the sender address, the app's public address for links, and the outbox's
/// timing. Read by hand (<see cref="Read"/>) so that a bad value (a port "abc" or 99999) becomes a clear problem on
/// /health rather than a failed start: the app works without mail.
/// </summary>
public sealed class MailSettings
{
    public const string Section = "Mail";

    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    public MailTls Tls { get; init; } = MailTls.StartTls;
    public string? UserName { get; init; }
    /// <summary>Never logged, never shown.</summary>
    public string? Password { get; init; }
    public string From { get; init; } = "FastTrack <fasttrack@localhost>";
    /// <summary>The app's address as users reach it ("https://fasttrack.example.com"): mails link to it.</summary>
    public string? PublicBaseUrl { get; init; }
    /// <summary>How often the sender looks for mails to send.</summary>
    public TimeSpan PollEvery { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>The first wait after a failed attempt; it doubles with every further failure, up to <see cref="RetryAtMost"/>.</summary>
    public TimeSpan RetryFirst { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryAtMost { get; init; } = TimeSpan.FromHours(1);
    /// <summary>How long a claimed mail is the claimer's; far longer than one SMTP send may take (its timeout is 30 s).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What stops mail from being sent (empty when mail can go out).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool CanSend => Problems.Count == 0;

    public static MailSettings Read(IConfiguration config)
    {
        var s = config.GetSection(Section);
        var problems = new List<string>();
        var host = s["Host"];
        if (string.IsNullOrWhiteSpace(host)) problems.Add("Mail:Host is not set: no e-mail is sent (alerts still appear in the app).");
        var port = 587;
        if (s["Port"] is { Length: > 0 } rawPort && (!int.TryParse(rawPort, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            problems.Add($"Mail:Port is '{rawPort}': it must be a number from 1 to 65535.");
        var tls = MailTls.StartTls;
        if (s["Tls"] is { Length: > 0 } rawTls && (!Enum.TryParse(rawTls, ignoreCase: true, out tls) || !Enum.IsDefined(tls)))
            problems.Add($"Mail:Tls is '{rawTls}': it must be None, StartTls or SslOnConnect.");
        var baseUrl = s["PublicBaseUrl"]?.TrimEnd('/');
        if (!string.IsNullOrWhiteSpace(host) && (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out _)))
            problems.Add("Mail:PublicBaseUrl is not an absolute address (such as https://fasttrack.example.com): mails need it for their links.");
        return new MailSettings
        {
            Host = host?.Trim(),
            Port = port,
            Tls = tls,
            UserName = s["UserName"],
            Password = s["Password"],
            From = s["From"] is { Length: > 0 } from ? from : "FastTrack <fasttrack@localhost>",
            PublicBaseUrl = baseUrl,
            PollEvery = Seconds(s["PollSeconds"], 15),
            RetryFirst = Seconds(s["RetryFirstSeconds"], 30),
            RetryAtMost = Seconds(s["RetryAtMostSeconds"], 3600),
            Lease = Seconds(s["LeaseSeconds"], 300),
            Problems = problems,
        };
    }

    private static TimeSpan Seconds(string? value, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback);
}

/// <summary>Settings section "Alerts": how often the evaluation and digest run, from which hour (UTC) a day's digest goes out.</summary>
public sealed class AlertSettings
{
    public const string Section = "Alerts";

    public int EvaluateEveryMinutes { get; set; } = 15;
    public int DigestHourUtc { get; set; }
    /// <summary>Off: nothing runs in the background (the tests drive the runs themselves).</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>One mail, as the one seam to SMTP (<see cref="IMailSender"/>) sees it.</summary>
public sealed record OutgoingMail(string To, string Subject, string Body);

/// <summary>Sends one mail; throws when it could not be handed to the server. The only code that knows SMTP is behind it.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>One alert as a mail tells it.</summary>
public sealed record AlertItem(long Id, Domain.Alerts.AlertKind Kind, int EngagementId, string Customer, string? Service, DateOnly? On, string SubjectKey);

/// <summary>Writes the mails' subjects and bodies in the recipient's language (the web layer's translations).</summary>
public interface IAlertMailWriter
{
    (string Subject, string Body) Immediate(AlertItem item, string? culture, string baseUrl);

    (string Subject, string Body) Digest(IReadOnlyList<AlertItem> items, string? culture, string baseUrl, DateOnly day);
}
