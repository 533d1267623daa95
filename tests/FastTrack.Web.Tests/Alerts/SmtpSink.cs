using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace FastTrack.Web.Tests.Alerts;

/// <summary>
/// A real SMTP server on a free loopback port (eng/smtp-sink.py over Debian's python3-aiosmtpd), started by the test and
/// killed when disposed. Every message it takes is kept as a file; <see cref="Received"/> reads them back with MimeKit.
/// </summary>
public sealed class SmtpSink : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    public int Port { get; }

    private SmtpSink(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public sealed record Mail(IReadOnlyList<string> To, string Subject, string Body);

    /// <summary>Starts a sink on <paramref name="port"/> (a free one when null).</summary>
    public static async Task<SmtpSink> StartAsync(int? port = null)
    {
        var p = port ?? FreePort();
        var folder = Path.Combine(Path.GetTempPath(), "fasttrack-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Debian's python3-aiosmtpd belongs to Debian's python; a python3 earlier on the PATH (pyenv …) would not see it.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python, [Path.Combine(RepoRoot(), "eng", "smtp-sink.py"), p.ToString(System.Globalization.CultureInfo.InvariantCulture), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        var ready = process.StandardOutput.ReadLineAsync();
        if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(20))) != ready || ready.Result?.StartsWith("ready", StringComparison.Ordinal) != true)
        {
            var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "no answer in 20 s";
            try { process.Kill(true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException("The SMTP sink did not start (is python3-aiosmtpd installed? eng/test.sh installs it): " + error);
        }
        return new SmtpSink(process, folder, p);
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<Mail> Received() => Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal).Select(f =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(f));
        var to = doc.RootElement.GetProperty("to").EnumerateArray().Select(e => e.GetString()!).ToList();
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("data").GetString()!)));
        return new Mail(to, message.Subject ?? "", message.TextBody ?? "");
    }).ToList();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FastTrack.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try { _process.Kill(true); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
