using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FastTrack.Tests;

namespace FastTrack.Web.Tests;

/// <summary>
/// The app as its own operating-system process (`dotnet FastTrack.Web.dll`, as `dotnet run` starts it) on a real
/// Kestrel port over an <see cref="AppDatabase"/>: for what only a real process shows (start-up refusals, kill -9).
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
    }

    public Uri Address { get; }

    /// <summary>The environment that points the app at <paramref name="database"/> (its SQLite folder or its PostgreSQL database).</summary>
    public static Dictionary<string, string> EnvironmentFor(AppDatabase database)
    {
        var env = new Dictionary<string, string>
        {
            ["Database__DataFolder"] = database.Folder,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        if (database.PostgresDatabase is not null)
        {
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__FastTrack"] = PostgresAdmin.ConnectionString(database.PostgresDatabase);
        }
        return env;
    }

    /// <summary>Starts the app and waits until it answers /health/ready.</summary>
    public static async Task<AppProcess> StartAsync(AppDatabase database)
    {
        var port = FreePort();
        var start = Start([], EnvironmentFor(database));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var app = new AppProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited) throw new InvalidOperationException("The app stopped: " + await app._stderr);
            try
            {
                if ((await probe.GetAsync(new Uri(app.Address, "/health/ready"))).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        app.Dispose();
        throw new TimeoutException("The app did not become ready in 90 s.");
    }

    /// <summary>Runs the app's command line once (e.g. seed-demo) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(Start(args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` did not finish in {timeout.TotalSeconds:0} s.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to flush or finish anything.</summary>
    public void KillNine()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) KillNine();
        _process.Dispose();
    }

    private static ProcessStartInfo Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [AppDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>The app as built beside the tests (same configuration: eng/test.sh builds Release).</summary>
    public static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = dir.FullName.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) dir = dir.Parent;
        var dll = Path.Combine(dir!.FullName, "src", "FastTrack.Web", "bin", configuration, "net10.0", "FastTrack.Web.dll");
        Assert.True(File.Exists(dll), $"build the app first: {dll}");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
