using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// Seeds the playbook's catalogue (3 phases, 4 processes, 22 sections, 20 FTOP tasks) on first start.
/// It runs only while the catalogue is empty, so it is idempotent and never overwrites an admin's edits.
/// </summary>
public static class CatalogueSeeder
{
    /// <summary>Phase and process names in Japanese and Chinese, from the playbook pages.</summary>
    private static readonly (string En, int Order, string Ja, string Zh)[] PhaseNames =
    [
        ("Initiate", 1, "開始", "启动"),
        ("Assess", 2, "調査", "评估"),
        ("Success", 3, "成功", "成功"),
    ];

    private static readonly Dictionary<string, (string Ja, string Zh)> ProcessNames = new()
    {
        ["Conduct Customer Kickoff"] = ("お客様とのキックオフの実施", "召开客户启动会议"),
        ["Conduct Customer Success Workshop"] = ("顧客サクセス ワークショップを実施する", "举办客户成功研讨会"),
        ["Support Success Execution"] = ("適切な実行のサポート", "支持成功执行"),
        ["Conduct Success Review"] = ("適切なレビューの実施", "进行成功评审"),
    };

    private static IReadOnlyList<(string En, int Order, string Ja, string Zh)>? _playbookPhases;

    /// <summary>The playbook's phases in lifecycle order with their names, from playbook-sections.csv (Initiate … Success).</summary>
    public static IReadOnlyList<(string En, int Order, string Ja, string Zh)> PlaybookPhases => _playbookPhases ??=
        ReadEmbedded("playbook-sections.csv")
            .Select(r => (r["phase"], int.Parse(r["phase_order"], CultureInfo.InvariantCulture), r["phase_ja"], r["phase_zh"]))
            .Distinct().OrderBy(p => p.Item2).ToList();

    public static IReadOnlyList<string> PlaybookPhaseOrder => PlaybookPhases.Select(p => p.En).ToList();

    public static async Task SeedAsync(FastTrackDbContext db, CancellationToken ct = default)
    {
        await SeedRolesAsync(db, ct);
        if (await db.Phases.AnyAsync(ct)) return;

        var services = new Dictionary<string, Service>(StringComparer.OrdinalIgnoreCase);
        Service ServiceNamed(string name) => services.TryGetValue(name, out var s) ? s : services[name] = new Service(name);
        foreach (var name in ServiceNames.Seed) ServiceNamed(name);

        var phases = PhaseNames.ToDictionary(p => p.En, p => new Phase(p.En, p.Order, p.Ja, p.Zh));
        var processes = new Dictionary<string, Process>();
        var sections = new Dictionary<(string, string), Section>();

        foreach (var row in ReadEmbedded("seed-sections.csv"))
        {
            var processKey = row["process"];
            if (!processes.TryGetValue(processKey, out var process))
            {
                var phase = phases[row["phase"]];
                process = new Process(phase, processKey, phase.Processes.Count + 1);
                var (ja, zh) = ProcessNames.GetValueOrDefault(processKey);
                process.Edit(processKey, ja, zh, process.Order);
                phase.Processes.Add(process);
                processes[processKey] = process;
            }
            var section = new Section(process, row["section"], int.Parse(row["order"], CultureInfo.InvariantCulture), row["primary_role"]);
            section.Edit(row["section"], row["section_ja"], row["section_zh"], section.Order, row["primary_role"],
                row["motions"], row["applies_to"]);
            process.Sections.Add(section);
            sections[(processKey, row["section"])] = section;
        }

        foreach (var row in ReadEmbedded("seed-tasks.csv"))
        {
            var section = sections[(row["process"], row["section"])];
            var names = ServiceNames.Split(row["services"]);
            var all = names.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase);
            section.Tasks.Add(new CatalogueTask(int.Parse(row["id"], CultureInfo.InvariantCulture), section,
                row["name_en"], row["name_ja"], row["name_zh"], row["required"] == "M", row["role"], all,
                all ? [] : names.Select(ServiceNamed)));
        }

        db.Services.AddRange(services.Values);
        db.Phases.AddRange(phases.Values);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The role vocabulary, once: the seeded roles, then any other role the catalogue's tasks and sections already name
    /// (a database of an earlier release, where roles were a fixed list), so that every role in use stays valid.
    /// </summary>
    public static async Task SeedRolesAsync(FastTrackDbContext db, CancellationToken ct = default)
    {
        if (await db.CatalogueRoles.AnyAsync(ct)) return;
        var roles = CatalogueRoles.Seed.Select((r, i) => new CatalogueRole(r.Key, i + 1, r.Ja, r.Zh)).ToList();
        var inUse = (await db.CatalogueTasks.Select(t => t.Role).Distinct().ToListAsync(ct))
            .Concat(await db.Sections.Select(s => s.PrimaryRole).Distinct().ToListAsync(ct))
            .Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct().Order(StringComparer.Ordinal);
        foreach (var key in inUse)
            if (!roles.Any(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase)))
                roles.Add(new CatalogueRole(key, roles.Count + 1));
        db.CatalogueRoles.AddRange(roles);
        await db.SaveChangesAsync(ct);
    }

    internal static List<Dictionary<string, string>> ReadEmbedded(string file)
    {
        using var stream = typeof(CatalogueSeeder).Assembly.GetManifestResourceStream($"FastTrack.Data.Seed.{file}")
            ?? throw new InvalidOperationException($"Seed file {file} is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        return rows;
    }
}
