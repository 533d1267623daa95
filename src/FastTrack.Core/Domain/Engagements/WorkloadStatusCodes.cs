using System.Globalization;
using CsvHelper;

namespace FastTrack.Domain.Engagements;

/// <summary>One FTOP workload status code: L1 (Status Unknown, In Progress, No Intent, Blocked, Duplicate/Invalid), L2 reason, L3 detail.</summary>
public sealed record WorkloadStatusCode(string L1, string L2, string L3)
{
    public string Text => string.Join(" / ", new[] { L1, L2, L3 }.Where(s => s.Length > 0));
}

/// <summary>FTOP's workload status vocabulary, read once from the embedded Data/Seed/workload-status.csv.</summary>
public static class WorkloadStatusCodes
{
    public const string InProgress = "In Progress";
    public const string Blocked = "Blocked";

    private static readonly Lazy<IReadOnlyList<WorkloadStatusCode>> Codes = new(Load);

    public static IReadOnlyList<WorkloadStatusCode> All => Codes.Value;

    public static IReadOnlyList<string> Level1 => All.Select(c => c.L1).Distinct().ToList();

    public static WorkloadStatusCode? Find(string? l1, string? l2, string? l3) =>
        All.FirstOrDefault(c => c.L1 == (l1 ?? "").Trim() && c.L2 == (l2 ?? "").Trim() && c.L3 == (l3 ?? "").Trim());

    private static IReadOnlyList<WorkloadStatusCode> Load()
    {
        using var stream = typeof(WorkloadStatusCodes).Assembly.GetManifestResourceStream("FastTrack.Data.Seed.workload-status.csv")
            ?? throw new InvalidOperationException("workload-status.csv is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var list = new List<WorkloadStatusCode>();
        while (csv.Read())
            list.Add(new WorkloadStatusCode(csv.GetField("l1")!.Trim(), csv.GetField("l2")!.Trim(), csv.GetField("l3")!.Trim()));
        return list;
    }
}
