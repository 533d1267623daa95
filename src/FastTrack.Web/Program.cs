using FastTrack.Common;
using FastTrack.Web;

try
{
    if (args.Length > 0 && args[0] == SeedDemoCommand.Name) return await SeedDemoCommand.RunAsync(args);

    var builder = WebApplication.CreateBuilder(args);
    builder.AddFastTrack();

    var app = builder.Build();
    await app.PrepareDatabaseAsync();
    app.UseFastTrack();
    await app.RunAsync();
    return 0;
}
catch (InvalidSettingException bad)
{
    // A setting the app cannot start with: one line that names the key and what it allows, not a stack trace.
    await Console.Error.WriteLineAsync($"FastTrack cannot start: {bad.Message}");
    return 2;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
