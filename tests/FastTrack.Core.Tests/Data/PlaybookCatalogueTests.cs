using System.Globalization;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FastTrack.Tests.Data;

/// <summary>
/// The shipped whole-playbook catalogue (Data/Seed/playbook-catalogue.csv and playbook-sections.csv, rebuilt by
/// eng/catalogue/build-catalogue.py; ADR 0014), read as the app reads it: the embedded files, the import's own parser and plan.
/// </summary>
public class PlaybookCatalogueTests(ITestOutputHelper output)
{
    /// <summary>The lifecycle in playbook order (ADR 0014).</summary>
    private static readonly string[] PhaseOrder = ["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"];

    /// <summary>FastTrack roles the playbook pages name besides the four of earlier releases (issue 21 item 6): seeded roles now.</summary>
    private static readonly string[] PlaybookRoles =
        ["FastTrack Engineer", "SME", "Migration Velocity Manager", "GetModern FTA", "FastTrack Architect v2", "FastTrack Ready Partner"];

    private static List<CatalogueRole> SeededRoles() =>
        CatalogueRoles.Seed.Select((r, i) => new CatalogueRole(r.Key, i + 1, r.Ja, r.Zh)).ToList();

    private static byte[] Embedded(string file)
    {
        using var stream = typeof(CatalogueSeeder).Assembly.GetManifestResourceStream($"FastTrack.Data.Seed.{file}")
            ?? throw new InvalidOperationException($"{file} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static List<CatalogueRow> Rows(string file)
    {
        var (rows, problems) = CatalogueCsv.Parse(Embedded(file));
        Assert.Empty(problems.Select(p => $"{file} line {p.Line}: {p.Message}"));
        return rows;
    }

    private static CatalogueImportPlan PlanOverEmptyCatalogue(byte[] file) =>
        CatalogueImportPlan.Create("playbook-catalogue.csv", file, retireMissing: false, [], [], [], SeededRoles());

    [Fact]
    public void The_file_parses_with_unique_ids_and_prints_its_counts()
    {
        var rows = Rows("playbook-catalogue.csv");

        var ids = rows.Select(r => int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.True(rows.Count >= 200, $"the whole playbook has a couple of hundred tasks, the file {rows.Count}");
        Assert.Equal(PhaseOrder, rows.Select(r => r.Phase).Distinct()); // every phase, rows in playbook order

        output.WriteLine($"{rows.Count} tasks ({rows.Count(r => r.Required == "M")} M, {rows.Count(r => r.Required == "O")} O), " +
            $"{rows.Count(r => r.NameJa.Length > 0)} with a Japanese name, {rows.Count(r => r.NameZh.Length > 0)} with a Chinese name");
        foreach (var phase in rows.GroupBy(r => r.Phase))
        {
            output.WriteLine($"{phase.Key}: {phase.Count()} tasks");
            foreach (var process in phase.GroupBy(r => r.Process))
                output.WriteLine($"    {process.Key}: {process.Count()} tasks ({process.Count(r => r.Required == "M")} M)");
        }
    }

    [Fact]
    public void Every_row_passes_the_importers_validation_with_the_seeded_roles()
    {
        var file = Embedded("playbook-catalogue.csv");
        var rows = Rows("playbook-catalogue.csv");

        // Roles are catalogue data seeded with the playbook's own (issue 21 item 6): no row is refused, for its role or anything else.
        var plan = PlanOverEmptyCatalogue(file);
        Assert.Empty(plan.Problems.Select(p => $"line {p.Line}: {p.Message}"));
        Assert.Empty(PlaybookRoles.Except(CatalogueRoles.Seed.Select(r => r.Key)));
        var preview = plan.Preview();
        Assert.Equal(rows.Count, preview.Added.Count);
        Assert.Equal(rows.Select(r => r.Role).Distinct().Order(StringComparer.Ordinal),
            preview.Added.Select(a => a.Changes.Single(c => c.Field == "Role").After!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(PhaseOrder, preview.NewItems.Where(n => n.Kind == "Phase").Select(n => n.Name));
    }

    [Fact]
    public void The_seed_rows_are_exactly_todays_seed()
    {
        var seed = Rows("seed-tasks.csv");
        var playbook = Rows("playbook-catalogue.csv").ToDictionary(r => r.Id);

        Assert.Equal(20, seed.Count);
        foreach (var s in seed)
        {
            Assert.True(playbook.TryGetValue(s.Id, out var p), $"seed task {s.Id} is not in the playbook file");
            Assert.Equal(s with { Line = 0 }, p with { Line = 0 });
        }
    }

    [Fact]
    public void The_sections_file_holds_every_section_in_order_with_its_tasks_and_summaries()
    {
        var sections = CatalogueSeeder.ReadEmbedded("playbook-sections.csv");
        var seedSections = CatalogueSeeder.ReadEmbedded("seed-sections.csv");
        var tasks = Rows("playbook-catalogue.csv");

        // Backward compatible: seed-sections.csv's columns first, in its order; the extensions after them.
        Assert.Equal(seedSections[0].Keys, sections[0].Keys.Take(seedSections[0].Count));

        // Phases: one order and one name per language each, 1..6 in playbook order.
        var phases = sections.GroupBy(s => s["phase"]).ToList();
        Assert.Equal(PhaseOrder, phases.Select(g => g.Key));
        foreach (var (phase, index) in phases.Select((g, i) => (g, i)))
        {
            Assert.Equal([(index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], phase.Select(s => s["phase_order"]).Distinct());
            Assert.Single(phase.Select(s => (s["phase_ja"], s["phase_zh"])).Distinct());
            Assert.NotEqual("", phase.First()["phase_ja"]);
            Assert.NotEqual("", phase.First()["phase_zh"]);
            // Processes: 1..n within their phase; sections 1..n within their process.
            var processes = phase.GroupBy(s => s["process"]).ToList();
            Assert.Equal(Enumerable.Range(1, processes.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                processes.Select(p => Assert.Single(p.Select(s => s["process_order"]).Distinct())));
            foreach (var process in processes)
                Assert.Equal(Enumerable.Range(1, process.Count()).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    process.Select(s => s["order"]));
        }
        Assert.Empty(sections.GroupBy(s => (s["process"], s["section"])).Where(g => g.Count() > 1).Select(g => g.Key));

        // Each task sits in a section of the file, and each section lists exactly its tasks.
        var listed = sections.SelectMany(s => s["task_ids"].Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => (Id: id, s["phase"], s["process"], s["section"]))).ToList();
        Assert.Equal(tasks.Select(t => (t.Id, t.Phase, t.Process, t.Section)).OrderBy(t => t.Id, StringComparer.Ordinal),
            listed.OrderBy(t => t.Id, StringComparer.Ordinal));

        // The 22 seed sections keep the seed's values.
        foreach (var seed in seedSections)
        {
            var row = sections.SingleOrDefault(s => s["process"] == seed["process"] && s["section"] == seed["section"]);
            Assert.True(row is not null, $"seed section {seed["process"]} › {seed["section"]} is missing");
            foreach (var column in seed.Keys.Where(c => seed[c].Length > 0))
                Assert.Equal((column, seed[column]), (column, row![column]));
        }

        // Item 4's summaries: English for every section; Japanese and Chinese wherever the translated pages have the section.
        foreach (var s in sections)
        {
            Assert.True(s["summary_en"].Length > 0, $"{s["process"]} › {s["section"]} has no summary");
            Assert.Equal((s["section"], s["section_ja"].Length > 0), (s["section"], s["summary_ja"].Length > 0));
            Assert.Equal((s["section"], s["section_zh"].Length > 0), (s["section"], s["summary_zh"].Length > 0));
        }

        foreach (var phase in phases)
        {
            output.WriteLine($"{phase.First()["phase_order"]}. {phase.Key} ({phase.First()["phase_ja"]} / {phase.First()["phase_zh"]})");
            foreach (var process in phase.GroupBy(s => s["process"]))
                output.WriteLine($"    {process.First()["process_order"]}. {process.Key}: {process.Count()} sections, " +
                    $"{process.Count(s => s["task_ids"].Length == 0)} without tasks, " +
                    $"{process.Sum(s => s["task_ids"].Split(';', StringSplitOptions.RemoveEmptyEntries).Length)} tasks");
        }
        var roles = sections.Select(s => s["primary_role"]).Concat(tasks.Select(t => t.Role)).Distinct().Order(StringComparer.Ordinal);
        output.WriteLine($"Roles named (sections and tasks): {string.Join(", ", roles)}");
        Assert.Empty(roles.Except(CatalogueRoles.Seed.Select(r => r.Key)));
    }
    /// <summary>
    /// The two files as a new database would hold them (issue 17 item 2 is the seeder's; this builds the same entities
    /// here): every value fits the schema's lengths and unique indexes, with the playbook's own role names, in a real database.
    /// </summary>
    [Fact]
    public async Task The_whole_catalogue_fits_the_schema_of_a_real_database()
    {
        var sections = CatalogueSeeder.ReadEmbedded("playbook-sections.csv");
        var tasks = Rows("playbook-catalogue.csv");
        await using var db = await TestDatabase.CreateAsync(seed: false);

        await using (var ctx = db.NewContext())
        {
            var services = new Dictionary<string, Service>(StringComparer.OrdinalIgnoreCase);
            var phases = new Dictionary<string, Phase>();
            var processes = new Dictionary<(string, string), Process>();
            var bySection = new Dictionary<(string, string, string), Section>();
            foreach (var row in sections)
            {
                if (!phases.TryGetValue(row["phase"], out var phase))
                    phases[row["phase"]] = phase = new Phase(row["phase"], int.Parse(row["phase_order"], CultureInfo.InvariantCulture),
                        row["phase_ja"], row["phase_zh"]);
                if (!processes.TryGetValue((row["phase"], row["process"]), out var process))
                {
                    var order = int.Parse(row["process_order"], CultureInfo.InvariantCulture);
                    process = new Process(phase, row["process"], order);
                    process.Edit(row["process"], row["process_ja"], row["process_zh"], order);
                    phase.Processes.Add(process);
                    processes[(row["phase"], row["process"])] = process;
                }
                var section = new Section(process, row["section"], int.Parse(row["order"], CultureInfo.InvariantCulture), row["primary_role"]);
                section.Edit(row["section"], row["section_ja"], row["section_zh"], section.Order, row["primary_role"], row["motions"], row["applies_to"]);
                process.Sections.Add(section);
                bySection[(row["phase"], row["process"], row["section"])] = section;
            }
            foreach (var t in tasks)
            {
                var names = ServiceNames.Split(t.Services);
                var all = names.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase);
                bySection[(t.Phase, t.Process, t.Section)].Tasks.Add(new CatalogueTask(int.Parse(t.Id, CultureInfo.InvariantCulture),
                    bySection[(t.Phase, t.Process, t.Section)], t.NameEn, t.NameJa, t.NameZh, t.Required == "M", t.Role, all,
                    all ? [] : names.Select(n => services.TryGetValue(n, out var s) ? s : services[n] = new Service(n))));
            }

            // Lengths as the model declares them (SQLite does not enforce them; PostgreSQL and SQL Server do).
            var tooLong = new List<string>();
            void Fits<T>(IEnumerable<T> items, string property, Func<T, string?> value)
            {
                var max = ctx.Model.FindEntityType(typeof(T))!.FindProperty(property)!.GetMaxLength();
                tooLong.AddRange(items.Select(value).Where(v => max is not null && v?.Length > max).Select(v => $"{typeof(T).Name}.{property}: {v}"));
            }
            var allProcesses = processes.Values.ToList();
            var allSections = bySection.Values.ToList();
            var allTasks = allSections.SelectMany(s => s.Tasks).ToList();
            foreach (var p in new[] { "NameEn", "NameJa", "NameZh" })
            {
                Fits(phases.Values, p, x => (string?)typeof(Phase).GetProperty(p)!.GetValue(x));
                Fits(allProcesses, p, x => (string?)typeof(Process).GetProperty(p)!.GetValue(x));
                Fits(allSections, p, x => (string?)typeof(Section).GetProperty(p)!.GetValue(x));
                Fits(allTasks, p, x => (string?)typeof(CatalogueTask).GetProperty(p)!.GetValue(x));
            }
            Fits(allSections, nameof(Section.PrimaryRole), s => s.PrimaryRole);
            Fits(allSections, nameof(Section.Motions), s => s.Motions);
            Fits(allSections, nameof(Section.AppliesTo), s => s.AppliesTo);
            Fits(allTasks, nameof(CatalogueTask.Role), t => t.Role);
            Fits(services.Values, nameof(Service.Name), s => s.Name);
            Assert.Empty(tooLong);

            ctx.Services.AddRange(services.Values);
            ctx.Phases.AddRange(phases.Values);
            await ctx.SaveChangesAsync();
        }

        await using (var ctx = db.NewContext())
        {
            Assert.Equal(PhaseOrder, await ctx.Phases.OrderBy(p => p.Order).Select(p => p.NameEn).ToListAsync());
            Assert.Equal(sections.Select(s => s["process"]).Distinct().Count(), await ctx.Processes.CountAsync());
            Assert.Equal(sections.Count, await ctx.Sections.CountAsync());
            Assert.Equal(tasks.Count, await ctx.CatalogueTasks.CountAsync());
            var perPhase = await ctx.CatalogueTasks.GroupBy(t => t.Section.Process.Phase.NameEn)
                .Select(g => new { Phase = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Phase, g => g.Count);
            Assert.Equal(tasks.GroupBy(t => t.Phase).ToDictionary(g => g.Key, g => g.Count()), perPhase);
            var task1700 = await ctx.CatalogueTasks.Include(t => t.Section).ThenInclude(s => s.Process).SingleAsync(t => t.FtopId == 1700);
            Assert.Equal(("Address Technical Gaps", true), (task1700.Section.Process.NameEn, task1700.Mandatory));
            output.WriteLine($"{db.Provider}: {perPhase.Values.Sum()} tasks, {await ctx.Sections.CountAsync()} sections, " +
                $"{await ctx.Processes.CountAsync()} processes, {await ctx.Phases.CountAsync()} phases, {await ctx.Services.CountAsync()} services saved");
        }
    }
}
