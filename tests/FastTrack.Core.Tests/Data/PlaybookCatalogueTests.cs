using System.Text;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;
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

    /// <summary>FastTrack roles the playbook pages name besides today's <see cref="Roles.TaskRoles"/> (issue 21 item 6).</summary>
    private static readonly string[] PlaybookRoles =
        ["FastTrack Engineer", "SME", "Migration Velocity Manager", "GetModern FTA", "FastTrack Architect v2", "FastTrack Ready Partner"];

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
        CatalogueImportPlan.Create("playbook-catalogue.csv", file, retireMissing: false, [], [], []);

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
    public void Every_row_passes_the_importers_validation_except_the_roles_it_does_not_know_yet()
    {
        var file = Embedded("playbook-catalogue.csv");
        var rows = Rows("playbook-catalogue.csv");

        var plan = PlanOverEmptyCatalogue(file);
        var roleProblems = plan.Problems.Where(p => p.Template.StartsWith("The role", StringComparison.Ordinal)).ToList();
        Assert.Empty(plan.Problems.Except(roleProblems).Select(p => $"line {p.Line}: {p.Message}"));

        var refused = roleProblems.Select(p => (string)p.Args[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine(refused.Count == 0
            ? "Today's importer accepts every role of the file."
            : $"Today's importer refuses {roleProblems.Count} of {rows.Count} rows only for their role; the roles it does not know " +
              $"(they are real playbook roles, to become catalogue data: issue 21 item 6): {string.Join(", ", refused)}");
        Assert.Empty(refused.Except(PlaybookRoles)); // a refused role that the playbook does not name would be a typo

        // The same rows with a known role stand in: the whole file then plans cleanly, every task added.
        var known = rows.Select(r => Roles.TaskRoles.Contains(r.Role) ? r : r with { Role = Roles.TaskRoles[0] });
        var substituted = PlanOverEmptyCatalogue(Encoding.UTF8.GetBytes(CatalogueCsv.Write(known)));
        Assert.Empty(substituted.Problems.Select(p => $"line {p.Line}: {p.Message}"));
        var preview = substituted.Preview();
        Assert.Equal(rows.Count, preview.Added.Count);
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
        output.WriteLine($"Roles named (sections and tasks): {string.Join(", ", roles)}; " +
            $"not in today's fixed list: {string.Join(", ", roles.Except(Roles.TaskRoles))}");
    }
}
