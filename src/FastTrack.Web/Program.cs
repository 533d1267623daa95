using FastTrack.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddFastTrack();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseFastTrack();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
