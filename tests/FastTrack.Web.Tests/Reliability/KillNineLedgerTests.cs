using System.Collections.Concurrent;
using System.Net;
using FastTrack.Data;
using FastTrack.Data.DemoData;
using FastTrack.Domain.Engagements;
using FastTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FastTrack.Web.Tests.Reliability;

/// <summary>
/// An acknowledged change is never lost (ADR 0013: task changes that arrive together are saved together). Writers send
/// task changes to the real app process; every success redirect is written down; the app is killed with SIGKILL in the
/// middle of the load, started again on the same database, and each acknowledged change must be there, with its audit
/// row and nothing half-written. Three kills per engine: SQLite, and PostgreSQL when the run has a server.
/// </summary>
public class KillNineLedgerTests(ITestOutputHelper output)
{
    private const int Kills = 3;
    private const int Writers = 8;

    /// <summary>A task of the current cycle of an active engagement, and the status a writer moves it to (Not started ⇄ In progress).</summary>
    private sealed record OpenTask(int EngagementId, int TaskId, int Version, EngagementTaskStatus From)
    {
        public EngagementTaskStatus To => From == EngagementTaskStatus.NotStarted ? EngagementTaskStatus.InProgress : EngagementTaskStatus.NotStarted;
    }

    [Fact]
    public async Task Every_acknowledged_task_change_survives_kill_9_and_nothing_is_half_written()
    {
        using var database = new AppDatabase();
        var env = AppProcess.EnvironmentFor(database);
        var seeded = await AppProcess.RunAsync(env, TimeSpan.FromMinutes(3), "seed-demo", "--engagements", "30", "--seed", "11");
        Assert.True(seeded.ExitCode == 0, seeded.Stderr);
        var provider = database.PostgresDatabase is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var connectionString = database.PostgresDatabase is null
            ? $"Data Source={Path.Combine(database.Folder, "fasttrack.db")}"
            : PostgresAdmin.ConnectionString(database.PostgresDatabase);

        var acknowledged = 0;
        var lost = 0;
        var halfWritten = 0;
        var sent = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var open = await OpenTasksAsync(provider, connectionString);
            var auditBefore = await TaskAuditRowsAsync(provider, connectionString);
            Assert.True(open.Count >= 40, $"the demo data has only {open.Count} open tasks left");

            var ledger = new ConcurrentBag<OpenTask>();
            var attempted = new ConcurrentBag<OpenTask>();
            using (var app = await AppProcess.StartAsync(database))
            {
                var clients = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => SignInAsync(app.Address)));
                using var stop = new CancellationTokenSource();
                // Each writer owns every Writers-th task, so no two writers touch one task (each change is then unambiguous).
                var writers = clients.Select((c, w) => Task.Run(() => WriteAsync(c, open.Where((_, i) => i % Writers == w), ledger, attempted, stop.Token))).ToList();
                // Kill once a good share of the tasks is acknowledged, with the other writers' requests in flight.
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (ledger.Count < open.Count / 3 && DateTime.UtcNow < deadline && writers.Any(w => !w.IsCompleted)) await Task.Delay(20);
                app.KillNine();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                foreach (var c in clients) c.Dispose();
            }
            Assert.True(ledger.Count > 0, "no change was acknowledged before the kill");

            // Start again on the same database (what a supervisor would do), then read what is there.
            using (await AppProcess.StartAsync(database))
            {
                await using var db = DatabaseSetup.CreateContext(provider, connectionString);
                var ids = attempted.Select(t => t.TaskId).ToList();
                var now = await db.EngagementTasks.IgnoreQueryFilters().Where(t => ids.Contains(t.Id))
                    .ToDictionaryAsync(t => t.Id, t => (t.Status, t.Version));
                lost += ledger.Count(t => now[t.TaskId].Status != t.To || now[t.TaskId].Version != t.Version + 1);
                // Every change that is there has its audit row, and no audit row is without its change.
                var changed = attempted.Count(t => now[t.TaskId].Status == t.To);
                var auditRows = await TaskAuditRowsAsync(provider, connectionString) - auditBefore;
                if (changed != auditRows) halfWritten += Math.Abs(changed - auditRows);
                // A change's version moves by exactly one: a task either changed whole or not at all.
                halfWritten += attempted.Count(t => now[t.TaskId] is var (s, v) && !(s == t.To && v == t.Version + 1) && !(s == t.From && v == t.Version));
            }
            acknowledged += ledger.Count;
            sent += attempted.Count;
        }

        output.WriteLine($"figure: kill -9 ledger ({(database.PostgresDatabase is null ? "SQLite" : "PostgreSQL")}): {Kills} kills, {sent} task changes sent, {acknowledged} acknowledged, {lost} acknowledged lost, {halfWritten} half-written");
        Assert.Equal(0, lost);
        Assert.Equal(0, halfWritten);
    }

    private static async Task WriteAsync(HttpClient client, IEnumerable<OpenTask> tasks, ConcurrentBag<OpenTask> ledger,
        ConcurrentBag<OpenTask> attempted, CancellationToken stop)
    {
        string? token = null;
        foreach (var task in tasks)
        {
            if (stop.IsCancellationRequested) return;
            try
            {
                token ??= FormToken(await client.GetStringAsync($"/Engagements/{task.EngagementId}", stop));
                attempted.Add(task);
                using var response = await client.PostAsync($"/Engagements/{task.EngagementId}?handler=Task", new FormUrlEncodedContent(
                [
                    new("Data.TaskId", task.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("Data.Version", task.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("Data.Status", task.To.ToString()),
                    new("__RequestVerificationToken", token),
                ]), stop);
                // The success redirect back to the task is the acknowledgement the user sees.
                if (response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString == $"/Engagements/{task.EngagementId}#task-{task.TaskId}")
                    ledger.Add(task);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the app was killed under this request: its outcome is unknown, and that is allowed
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(Uri address)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = FormToken(await client.GetStringAsync("/Account/SignIn"));
        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
        [
            new("Data.Email", "admin@demo.fasttrack.example"),
            new("Data.Password", DemoDataGenerator.DefaultPassword),
            new("__RequestVerificationToken", token),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string FormToken(string html) =>
        FormPosting.Parse(html).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no form token.");

    /// <summary>Not-started and in-progress tasks of the current cycle of active engagements, in a stable order.</summary>
    private static async Task<List<OpenTask>> OpenTasksAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = DatabaseSetup.CreateContext(provider, connectionString);
        return await db.EngagementTasks.IgnoreQueryFilters()
            .Where(t => (t.Status == EngagementTaskStatus.NotStarted || t.Status == EngagementTaskStatus.InProgress)
                && db.Engagements.Any(e => e.Id == t.EngagementId && e.State == EngagementState.Active && e.Cycle == t.Cycle))
            .OrderBy(t => t.Id).Take(240)
            .Select(t => new OpenTask(t.EngagementId, t.Id, t.Version, t.Status)).ToListAsync();
    }

    private static async Task<int> TaskAuditRowsAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = DatabaseSetup.CreateContext(provider, connectionString);
        return await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == "TaskStatusChanged");
    }
}
