using System.Diagnostics;
using System.Globalization;
using FastTrack.Data.DemoData;

namespace FastTrack.Web;

/// <summary>
/// <c>dotnet run --project src/FastTrack.Web -- seed-demo [--engagements N] [--seed S] [--force]</c>: fills the
/// configured database (same provider, connection string and migrations as the app) with demo data and exits.
/// Any other argument goes to configuration as for the app, e.g. <c>--Database:DataFolder /tmp/demo</c>.
/// </summary>
public static class SeedDemoCommand
{
    public const string Name = "seed-demo";

    public static async Task<int> RunAsync(string[] args)
    {
        var engagements = 50;
        var seed = 2026;
        var force = false;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engagements" when i + 1 < args.Length: engagements = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--force": force = true; break;
                case "--help" or "-h":
                    Console.WriteLine("seed-demo [--engagements N (50)] [--seed S (2026)] [--force: add to a database that already has engagements]");
                    return 0;
                default: rest.Add(args[i]); break;
            }
        }

        var builder = WebApplication.CreateBuilder(rest.ToArray());
        builder.AddFastTrack();
        builder.Services.AddScoped<DemoDataGenerator>();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync(announceFirstRun: false);
        using var scope = app.Services.CreateScope();
        var generator = scope.ServiceProvider.GetRequiredService<DemoDataGenerator>();
        DemoDataSummary summary;
        try
        {
            summary = await generator.GenerateAsync(new DemoDataOptions(engagements, seed, Force: force), new ProgressBar(Console.Error));
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        Console.Error.WriteLine();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Format(c, "Added {0:N0} engagements ({1:N0} tasks, {2:N0} usage records, {3:N0} audit rows) for {4:N0} customers, " +
            "{5:N0} FastTrack managers, {6:N0} partner organisations and {7:N0} partner users in {8:N1} s.",
            summary.Engagements, summary.Tasks, summary.UsageRecords, summary.AuditRows, summary.Customers, summary.Managers,
            summary.PartnerOrganisations, summary.PartnerUsers, summary.Elapsed.TotalSeconds));
        Console.WriteLine($"Sign in at /Account/SignIn with password '{DemoDataGenerator.DefaultPassword}' as:");
        Console.WriteLine($"  {summary.AdminEmail} (admin), {summary.ManagerEmail} (FastTrack manager; fm2, fm3 … too), {summary.PartnerEmail} (partner)");
        return 0;
    }

    /// <summary>A one-line text progress bar on standard error, redrawn in place.</summary>
    private sealed class ProgressBar(TextWriter output) : IProgress<(int Done, int Total)>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public void Report((int Done, int Total) value)
        {
            const int width = 40;
            var fraction = value.Total == 0 ? 1 : (double)value.Done / value.Total;
            var filled = (int)(fraction * width);
            var rate = value.Done / Math.Max(0.001, _watch.Elapsed.TotalSeconds);
            output.Write(string.Format(CultureInfo.InvariantCulture, "\r[{0}{1}] {2,3:0}% {3:N0}/{4:N0} engagements, {5:N0}/s   ",
                new string('#', filled), new string('.', width - filled), fraction * 100, value.Done, value.Total, rate));
            output.Flush();
        }
    }
}
