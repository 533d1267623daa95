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

    [Theory]
    [InlineData("LocalPasswords", "false", "LocalPasswords", "only when single sign-on is configured")]
    [InlineData("Sso__Enabled", "true", "Sso:Authority", "the provider's absolute address")]
    public async Task Passwords_off_without_single_sign_on_or_an_incomplete_sso_stops_the_app_with_one_line(string variable, string value,
        string key, string allowed)
    {
        var (exitCode, stdout, stderr) = await RunAppAsync("Sqlite", null, (variable, value));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FastTrack cannot start: " + key, line, StringComparison.Ordinal);
        Assert.Contains(allowed, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr + stdout, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAppAsync(string provider, string? connectionString,
        (string Name, string Value)? extra = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fasttrack-tests", Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider,
            ["Database__DataFolder"] = folder,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        if (connectionString is not null) env["ConnectionStrings__FastTrack"] = connectionString;
        if (extra is { } e) env[e.Name] = e.Value;
        try
        {
            return await AppProcess.RunAsync(env, TimeSpan.FromSeconds(60));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
