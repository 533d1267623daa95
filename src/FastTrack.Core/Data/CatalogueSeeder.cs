using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// Seeds the catalogue on first start: the whole partner playbook (6 phases, 15 processes, 78 sections with their summaries,
/// 221 FTOP tasks; <see cref="ShippedCatalogue.Playbook"/>). It runs only while the catalogue is empty, so it is idempotent
/// and never overwrites an admin's edits: an existing database is offered the shipped catalogue as an update that its
/// admin previews and confirms (/Catalogue/Update, ADR 0015).
/// </summary>
public static class CatalogueSeeder
{
    private static IReadOnlyList<(string En, int Order, string Ja, string Zh)>? _playbookPhases;

    /// <summary>The playbook's phases in lifecycle order with their names, from playbook-sections.csv (Initiate … Success).</summary>
    public static IReadOnlyList<(string En, int Order, string Ja, string Zh)> PlaybookPhases => _playbookPhases ??=
        ShippedCatalogue.Playbook.Phases.Select(p => (p.NameEn, p.Order, p.NameJa ?? "", p.NameZh ?? "")).ToList();

    public static IReadOnlyList<string> PlaybookPhaseOrder => PlaybookPhases.Select(p => p.En).ToList();

    /// <summary>Seeds the whole playbook into an empty catalogue.</summary>
    public static Task SeedAsync(FastTrackDbContext db, CancellationToken ct = default) => SeedAsync(db, ShippedCatalogue.Playbook, ct);

    /// <summary>
    /// Seeds <paramref name="catalogue"/> into an empty catalogue (tests seed <see cref="ShippedCatalogue.ReleaseSeed"/> to
    /// stand for a database of an earlier release, or a catalogue small enough for their journeys).
    /// </summary>
    public static async Task SeedAsync(FastTrackDbContext db, ShippedCatalogue catalogue, CancellationToken ct = default)
    {
        await SeedRolesAsync(db, ct);
        if (await db.Phases.AnyAsync(ct)) return;

        var services = new Dictionary<string, Service>(StringComparer.OrdinalIgnoreCase);
        Service ServiceNamed(string name) => services.TryGetValue(name, out var s) ? s : services[name] = new Service(name);
        foreach (var name in ServiceNames.Seed) ServiceNamed(name);

        var phases = catalogue.Phases.ToDictionary(p => p.NameEn, p => new Phase(p.NameEn, p.Order, p.NameJa, p.NameZh));
        var processes = new Dictionary<string, Process>();
        foreach (var p in catalogue.Processes)
        {
            var phase = phases[p.Phase];
            var process = new Process(phase, p.NameEn, p.Order);
            process.Edit(p.NameEn, p.NameJa, p.NameZh, p.Order);
            phase.Processes.Add(process);
            processes[p.NameEn] = process;
        }
        var sections = new Dictionary<(string, string), Section>();
        foreach (var s in catalogue.Sections)
        {
            var process = processes[s.Process];
            var section = new Section(process, s.NameEn, s.Order, s.PrimaryRole);
            section.Edit(s.NameEn, s.NameJa, s.NameZh, s.Order, s.PrimaryRole, s.Motions, s.AppliesTo);
            section.Summarize(s.SummaryEn, s.SummaryJa, s.SummaryZh);
            process.Sections.Add(section);
            sections[(s.Process, s.NameEn)] = section;
        }

        foreach (var t in catalogue.Tasks)
        {
            var section = sections[(t.Process, t.Section)];
            var names = ServiceNames.Split(t.Services);
            var all = names.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase);
            section.Tasks.Add(new CatalogueTask(t.FtopId, section, t.NameEn, t.NameJa, t.NameZh, t.Mandatory, t.Role, all,
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
