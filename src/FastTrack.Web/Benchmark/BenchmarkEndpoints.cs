using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using FastTrack.Data;
using FastTrack.Domain.Engagements;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FastTrack.Web.Benchmark;

/// <summary>
/// The benchmark's floor, compiled only into the benchmark build (<c>-p:FastTrackBenchmark=true</c>, see
/// docs/performance.md): the same bare 12-row page through raw ADO.NET and through the app's own pooled DbContext,
/// plus the list of open tasks the write benchmark completes. Anonymous, and absent from every other build.
/// </summary>
internal static class BenchmarkEndpoints
{
    private const int Rows = 12;

    public static void MapBenchmarkBaselines(this WebApplication app)
    {
        string connectionString;
        bool postgres;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
            connectionString = db.Database.GetConnectionString()!;
            postgres = db.Database.IsNpgsql();
        }

        app.MapGet("/bench/raw", async (HttpContext http) =>
        {
            await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync(http.RequestAborted);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"FtopId\", \"NameEn\" FROM \"CatalogueTasks\" ORDER BY \"FtopId\" LIMIT {Rows}";
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            var rows = new List<(int, string)>(Rows);
            while (await reader.ReadAsync(http.RequestAborted)) rows.Add((reader.GetInt32(0), reader.GetString(1)));
            return Page(rows);
        }).AllowAnonymous();

        // A compiled query, as the app's busiest reads use (issue 7: "compiled queries where they pay").
        app.MapGet("/bench/ef", async (FastTrackDbContext db) =>
        {
            var rows = new List<(int, string)>(Rows);
            await foreach (var row in FirstTasks(db)) rows.Add(row);
            return Page(rows);
        }).AllowAnonymous();

        // The tasks a benchmark writer changes, one line each: engagement id, task id, version (what the task form
        // posts), and 1 if the task is completed now. Every task of an active engagement's current cycle except the
        // success review (completing it is another use case), whatever its status: the writers reopen a completed one
        // and complete an open one, back and forth, so runs one after another never run out of tasks to change.
        app.MapGet("/bench/tasks", async (FastTrackDbContext db, int count) =>
        {
            var tasks = await db.EngagementTasks
                .Where(t => t.FtopId != PlaybookNames.SuccessReviewTask
                    && db.Engagements.Any(e => e.Id == t.EngagementId && e.State == EngagementState.Active && e.Cycle == t.Cycle))
                .OrderBy(t => t.Id).Take(count)
                .Select(t => new { t.EngagementId, t.Id, t.Version, Completed = t.Status == EngagementTaskStatus.Completed }).ToListAsync();
            var text = new StringBuilder();
            foreach (var t in tasks) text.Append(CultureInfo.InvariantCulture, $"{t.EngagementId},{t.Id},{t.Version},{(t.Completed ? 1 : 0)}\n");
            return Results.Text(text.ToString());
        }).AllowAnonymous();
    }

    private static readonly Func<FastTrackDbContext, IAsyncEnumerable<(int, string)>> FirstTasks = EF.CompileAsyncQuery(
        (FastTrackDbContext db) => db.CatalogueTasks.OrderBy(t => t.FtopId).Take(Rows).Select(t => new ValueTuple<int, string>(t.FtopId, t.NameEn)));

    private static IResult Page(List<(int Id, string Name)> rows)
    {
        var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>Baseline</title></head><body><table>");
        foreach (var (id, name) in rows)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{id}</td><td>{WebUtility.HtmlEncode(name)}</td></tr>");
        html.Append("</table></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
