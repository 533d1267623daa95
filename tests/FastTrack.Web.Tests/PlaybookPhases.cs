using System.Net;
using System.Text;
using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests;

/// <summary>
/// The playbook's optional phases (Remediate, Enable, Migrate) in a test's database. A new database holds the seeded
/// catalogue; while that has only Initiate, Assess and Success, the three phases' exit tasks (1700, 1701, 1702, rows of the
/// shipped playbook-catalogue.csv) are added through the admin's catalogue import, and Success is put back last (the import
/// appends new phases; the order is the catalogue's data, saved through the context so the catalogue counter moves).
/// </summary>
public static class PlaybookPhases
{
    public static readonly int[] ExitTasks = [1700, 1701, 1702];

    public static async Task EnsureAsync(AppFactory app, HttpClient admin)
    {
        if (app.Scoped(db => db.Phases.Any(p => p.NameEn == "Remediate"))) return;
        using var shipped = new StreamReader(typeof(FastTrackDbContext).Assembly.GetManifestResourceStream("FastTrack.Data.Seed.playbook-catalogue.csv")!);
        var lines = (await shipped.ReadToEndAsync()).Split('\n');
        var rows = lines.Skip(1).Where(l => ExitTasks.Any(id => l.StartsWith(id + ",", StringComparison.Ordinal))).ToList();
        Assert.Equal(ExitTasks.Length, rows.Count);
        var file = Encoding.UTF8.GetBytes(string.Join("\n", [lines[0].TrimEnd('\r'), .. rows.Select(r => r.TrimEnd('\r'))]) + "\n");

        var preview = await admin.PostFileAsync("/Catalogue/Import", "#upload-form", "Upload", "phases.csv", file);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var applied = await admin.SubmitAsync(await preview.HtmlAsync(), "#apply-form", "/Catalogue/Import");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var phases = await db.Phases.AsTracking().ToListAsync();
        var success = phases.Single(p => p.NameEn == "Success");
        db.Entry(success).Property(p => p.Order).CurrentValue = phases.Max(p => p.Order) + 1;
        await db.SaveChangesAsync();
    }
}
