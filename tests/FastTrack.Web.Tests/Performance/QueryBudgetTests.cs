using System.Data.Common;
using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Performance;

/// <summary>
/// The query budget of the busiest pages, counted in SQL commands (never in time): an N+1 — a query per row —
/// fails here, because the counts must stay within budget and be the same over 25 and over 60 engagements.
/// </summary>
public class QueryBudgetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    // The cache check, the counts (phases and all nine sections) and one command per capped list (issue 19 added five).
    public const int Portfolio = 11;
    public const int List = 3;
    /// <summary>
    /// Issue 7: "detail ≤ 4, no query per row". The engagement with its customer, seats, services, overrides, manager
    /// and the caller's access; the playbook with this engagement's tasks and guidance steps nested under their catalogue
    /// rows; usage points and notes in one UNION ALL; the timeline (docs/performance.md).
    /// </summary>
    public const int Detail = 4;

    /// <summary>
    /// A page whose result is cached (docs/decisions/0009-read-caches-checked-against-revisions.md) only checks the
    /// revisions on a repeat view: the portfolio and the engagement one command, the list two (the filter choices'
    /// check and its page of rows). The first view, with nothing cached, must still keep the budgets above.
    /// </summary>
    public const int Cached = 2;

    /// <summary>The sign-in session's check on every request, apart from the page's own commands.</summary>
    public const int SessionCheck = 2;

    [Fact]
    public async Task Portfolio_list_and_engagement_pages_stay_within_their_query_budget_whatever_the_number_of_rows()
    {
        // Both sizes have a second page of the list (20 rows a page).
        var (small, _) = await CountAsync(25);
        var (large, sessionChecks) = await CountAsync(60);

        foreach (var (page, count) in large)
        {
            output.WriteLine($"{page}: {small[page]} commands over 25 engagements, {count} over 60");
            var budget = page.EndsWith("(cached)", StringComparison.Ordinal) ? Cached
                : page.StartsWith("/Engagements/", StringComparison.Ordinal) ? Detail
                : page.StartsWith("/Engagements", StringComparison.Ordinal) ? List : Portfolio;
            Assert.True(count <= budget, $"{page} sent {count} SQL commands; its budget is {budget}.");
        }
        // The sign-in session check (SessionCheck) is the same on every page and counted apart: one counter read, and
        // at most the last-seen time written.
        foreach (var (page, count) in sessionChecks)
            Assert.True(count is >= 1 and <= SessionCheck, $"{page} sent {count} session check commands; at most {SessionCheck}.");
        Assert.Equal(small.Values, large.Values);
    }

    /// <summary>SQL commands per page over a database of <paramref name="engagements"/> demo engagements.</summary>
    private static async Task<(Dictionary<string, int> Pages, Dictionary<string, int> SessionChecks)> CountAsync(int engagements)
    {
        var counter = new CommandCounter();
        using var app = new AppFactory();
        using var counted = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IInterceptor>(counter)));
        await counted.SeedDemoAsync(engagements, seed: 7);
        int busiest;
        using (var scope = counted.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
            Assert.Equal(engagements, await db.Engagements.CountAsync());
            Assert.True(await db.EngagementTasks.CountAsync() >= engagements, "The demo engagements have checklists.");
            // The engagement with the most rows under it: a query per task, usage point or note would show there.
            busiest = await db.Engagements.OrderByDescending(e => e.Tasks.Count + e.UsageRecords.Count + e.Notes.Count).Select(e => e.Id).FirstAsync();
        }

        var fm = await counted.DemoUserAsync("fm1");

        var counts = new Dictionary<string, int>();
        var sessionChecks = new Dictionary<string, int>();
        foreach (var page in new[]
        {
            "/", "/?All=true", "/Engagements", "/Engagements?State=Active&Sort=customer", "/Engagements?Service=Teams&Sort=phase", "/Engagements?Sort=phase&Page=2",
            $"/Engagements/{busiest}",
        })
        {
            await fm.GetPageAsync(page); // warm: the key ring and other first-use reads are not the page's
            var name = page.Replace(busiest.ToString(System.Globalization.CultureInfo.InvariantCulture), "{id}", StringComparison.Ordinal);
            counted.Services.GetRequiredService<FastTrack.Common.Caching.ReadCache>().Clear();
            counter.Reset();
            await fm.GetPageAsync(page);
            counts[name] = counter.Count;
            sessionChecks[name] = counter.SessionChecks;
            counter.Reset();
            await fm.GetPageAsync(page);
            counts[name + " (cached)"] = counter.Count;
            sessionChecks[name + " (cached)"] = counter.SessionChecks;
        }
        return (counts, sessionChecks);
    }

    /// <summary>Counts every SQL command EF Core sends: the session check's (tagged) apart.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;
        private int _sessionChecks;

        public int Count => Volatile.Read(ref _count);

        public int SessionChecks => Volatile.Read(ref _sessionChecks);

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            Interlocked.Exchange(ref _sessionChecks, 0);
        }

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.CommandText.StartsWith("-- " + FastTrack.Features.Account.SessionCheck.Tag, StringComparison.Ordinal))
                Interlocked.Increment(ref _sessionChecks);
            else
                Interlocked.Increment(ref _count);
            return result;
        }
    }
}
