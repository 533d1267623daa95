using System.Diagnostics;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// A setting the app cannot start with stops it with one line that names the key and what it allows, never a stack
/// trace: the real app process, started as `dotnet run` would start it.
/// </summary>
public class BadConfigurationTests
{
    [Theory]
    [InlineData("Oracle", null, "Database:Provider", "use Sqlite, Postgres, SqlServer")]
    [InlineData("Postgres", "", "ConnectionStrings:FastTrack", "give the Postgres connection string")]
    [InlineData("SqlServer", null, "ConnectionStrings:FastTrack", "give the SqlServer connection string")]
    [InlineData("SqlServer", "   ", "ConnectionStrings:FastTrack", "give the SqlServer connection string")]
    public async Task A_bad_database_setting_stops_the_app_with_one_line_naming_the_key(string provider, string? connectionString,
        string key, string allowed)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync(provider, connectionString);

        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("FastTrack cannot start: " + key, line, StringComparison.Ordinal);
        Assert.Contains(allowed, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string provider, string? connectionString)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fasttrack-tests", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [AppDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Database__Provider"] = provider;
        start.Environment["Database__DataFolder"] = folder;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        if (connectionString is not null) start.Environment["ConnectionStrings__FastTrack"] = connectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running with a bad setting.");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The app as built beside the tests (same configuration: eng/test.sh builds Release).</summary>
    private static string AppDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = dir.FullName.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) dir = dir.Parent;
        var dll = Path.Combine(dir!.FullName, "src", "FastTrack.Web", "bin", configuration, "net10.0", "FastTrack.Web.dll");
        Assert.True(File.Exists(dll), $"build the app first: {dll}");
        return dll;
    }
}
