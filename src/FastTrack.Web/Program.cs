using FastTrack.Web;

if (args.Length > 0 && args[0] == SeedDemoCommand.Name) return await SeedDemoCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddFastTrack();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseFastTrack();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
