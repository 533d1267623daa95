using System.Globalization;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;

namespace FastTrack.Data;

/// <summary>
/// A catalogue as the app ships it, read from the embedded data files: <see cref="Playbook"/> (the whole partner playbook,
/// playbook-sections.csv and playbook-catalogue.csv, ADR 0014) is what a new database starts with and what an existing
/// one is offered as an update; <see cref="ReleaseSeed"/> (seed-sections.csv and seed-tasks.csv) is what earlier releases
/// seeded, the baseline that tells an admin's own edits from values the update may change (ADR 0015).
/// </summary>
public sealed class ShippedCatalogue
{
    /// <summary>Phase names in Japanese and Chinese of the release seed, as earlier releases seeded them.</summary>
    private static readonly (string En, int Order, string Ja, string Zh)[] SeedPhases =
    [
        ("Initiate", 1, "開始", "启动"),
        ("Assess", 2, "調査", "评估"),
        ("Success", 3, "成功", "成功"),
    ];

    /// <summary>The seed processes' names as earlier releases seeded them; the whole playbook keeps them too (ADR 0014 rule 5).</summary>
    private static readonly Dictionary<string, (string Ja, string Zh)> SeedProcessNames = new()
    {
        ["Conduct Customer Kickoff"] = ("お客様とのキックオフの実施", "召开客户启动会议"),
        ["Conduct Customer Success Workshop"] = ("顧客サクセス ワークショップを実施する", "举办客户成功研讨会"),
        ["Support Success Execution"] = ("適切な実行のサポート", "支持成功执行"),
        ["Conduct Success Review"] = ("適切なレビューの実施", "进行成功评审"),
    };

    private static ShippedCatalogue? _playbook, _releaseSeed;

    private ShippedCatalogue(IReadOnlyList<ShippedPhase> phases, IReadOnlyList<ShippedProcess> processes,
        IReadOnlyList<ShippedSection> sections, IReadOnlyList<ShippedTask> tasks)
    {
        Phases = phases;
        Processes = processes;
        Sections = sections;
        Tasks = tasks;
    }

    public IReadOnlyList<ShippedPhase> Phases { get; }
    public IReadOnlyList<ShippedProcess> Processes { get; }
    /// <summary>Sections in playbook order (phase, process, section).</summary>
    public IReadOnlyList<ShippedSection> Sections { get; }
    public IReadOnlyList<ShippedTask> Tasks { get; }

    /// <summary>The whole partner playbook: 6 phases, 15 processes, 78 sections with summaries, 221 tasks.</summary>
    public static ShippedCatalogue Playbook => _playbook ??= ReadPlaybook();

    /// <summary>The catalogue of earlier releases: 3 phases, 4 processes, 22 sections, 20 tasks, no summaries.</summary>
    public static ShippedCatalogue ReleaseSeed => _releaseSeed ??= ReadReleaseSeed();

    private static ShippedCatalogue ReadPlaybook()
    {
        var rows = CatalogueSeeder.ReadEmbedded("playbook-sections.csv");
        var phases = rows.Select(r => new ShippedPhase(r["phase"], Int(r["phase_order"]), Opt(r["phase_ja"]), Opt(r["phase_zh"])))
            .Distinct().OrderBy(p => p.Order).ToList();
        var processes = rows.Select(r =>
            {
                var (ja, zh) = SeedProcessNames.TryGetValue(r["process"], out var seed) ? seed : (r["process_ja"], r["process_zh"]);
                return new ShippedProcess(r["phase"], r["process"], Int(r["process_order"]), Opt(ja), Opt(zh));
            })
            .Distinct().ToList();
        var phaseOrder = phases.ToDictionary(p => p.NameEn, p => p.Order);
        var processOrder = processes.ToDictionary(p => p.NameEn, p => p.Order);
        var sections = rows.Select(r => Section(r, Opt(r["summary_en"]), Opt(r["summary_ja"]), Opt(r["summary_zh"])))
            .OrderBy(s => phaseOrder[s.Phase]).ThenBy(s => processOrder[s.Process]).ThenBy(s => s.Order).ToList();
        return new ShippedCatalogue(phases, processes.OrderBy(p => phaseOrder[p.Phase]).ThenBy(p => p.Order).ToList(), sections,
            ReadTasks("playbook-catalogue.csv"));
    }

    private static ShippedCatalogue ReadReleaseSeed()
    {
        var rows = CatalogueSeeder.ReadEmbedded("seed-sections.csv");
        var phases = SeedPhases.Select(p => new ShippedPhase(p.En, p.Order, p.Ja, p.Zh)).ToList();
        var processes = new List<ShippedProcess>();
        foreach (var r in rows.Where(r => processes.All(p => p.NameEn != r["process"])))
        {
            var (ja, zh) = SeedProcessNames[r["process"]];
            processes.Add(new ShippedProcess(r["phase"], r["process"], processes.Count(p => p.Phase == r["phase"]) + 1, ja, zh));
        }
        return new ShippedCatalogue(phases, processes, rows.Select(r => Section(r, null, null, null)).ToList(), ReadTasks("seed-tasks.csv"));
    }

    private static ShippedSection Section(Dictionary<string, string> r, string? summaryEn, string? summaryJa, string? summaryZh) =>
        new(r["phase"], r["process"], r["section"], Int(r["order"]), Opt(r["section_ja"]), Opt(r["section_zh"]), r["primary_role"],
            r["motions"], string.IsNullOrWhiteSpace(r["applies_to"]) ? ServiceNames.All : r["applies_to"], summaryEn, summaryJa, summaryZh);

    private static List<ShippedTask> ReadTasks(string file) => CatalogueSeeder.ReadEmbedded(file)
        .Select(r => new ShippedTask(Int(r["id"]), r["phase"], r["process"], r["section"], r["required"] == "M", r["role"],
            r["services"], r["name_en"], Opt(r["name_ja"]), Opt(r["name_zh"])))
        .ToList();

    /// <summary>The tasks as an import file (docs/catalogue-format.md).</summary>
    public static List<CatalogueRow> Rows(IEnumerable<ShippedTask> tasks) => tasks.Select((t, i) => new CatalogueRow(i + 2,
        t.FtopId.ToString(CultureInfo.InvariantCulture), t.Phase, t.Process, t.Section, t.Mandatory ? "M" : "O", t.Role, t.Services,
        t.NameEn, t.NameJa ?? "", t.NameZh ?? "")).ToList();

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string? Opt(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record ShippedPhase(string NameEn, int Order, string? NameJa, string? NameZh);

public sealed record ShippedProcess(string Phase, string NameEn, int Order, string? NameJa, string? NameZh);

public sealed record ShippedSection(string Phase, string Process, string NameEn, int Order, string? NameJa, string? NameZh,
    string PrimaryRole, string Motions, string AppliesTo, string? SummaryEn, string? SummaryJa, string? SummaryZh);

public sealed record ShippedTask(int FtopId, string Phase, string Process, string Section, bool Mandatory, string Role,
    string Services, string NameEn, string? NameJa, string? NameZh);
