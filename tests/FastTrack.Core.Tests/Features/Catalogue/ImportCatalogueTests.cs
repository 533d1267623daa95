using System.Text;
using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Catalogue;

/// <summary>PreviewImport and ApplyImport over a real, seeded database.</summary>
public class ImportCatalogueTests
{
    private const string Stage = "Initiate,Conduct Customer Kickoff";

    private static async Task<List<string>> ExportLinesAsync(TestDatabase db, CatalogueFilter? filter = null)
    {
        var export = await db.Send(new ExportCatalogue.Query { Filter = filter ?? new() }, TestUser.Admin);
        return Encoding.UTF8.GetString(export.Content).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static byte[] File(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private static Task<ImportPreview> PreviewAsync(TestDatabase db, byte[] file, bool retireMissing = false, ICurrentUser? user = null) =>
        db.Send(new PreviewImport.Command { FileName = "catalogue.csv", Content = file, RetireMissing = retireMissing }, user ?? TestUser.Admin);

    private static ApplyImport.Command ApplyCommand(byte[] file, ImportPreview preview) => new()
    {
        FileName = "catalogue.csv", FileBase64 = Convert.ToBase64String(file), RetireMissing = preview.RetireMissing, Fingerprint = preview.Fingerprint,
    };

    private static async Task RetireAsync(TestDatabase db, int ftopId)
    {
        await using var ctx = db.NewContext();
        (await ctx.CatalogueTasks.AsTracking().SingleAsync(t => t.FtopId == ftopId)).Retire();
        await ctx.SaveChangesAsync();
    }

    /// <summary>
    /// The seeded catalogue with 983 retired, and a file that renames 994 and makes it optional, moves 3616 to the next
    /// section, leaves out 3979, brings back 983 and adds 5000 in a new phase, process and section with a new service.
    /// </summary>
    private static async Task<byte[]> MixedChangesAsync(TestDatabase db)
    {
        var all = await ExportLinesAsync(db, new CatalogueFilter { Retired = null });
        await RetireAsync(db, 983);
        var lines = all.Where(l => !l.StartsWith("3979,", StringComparison.Ordinal)).Select(l => l switch
        {
            _ when l.StartsWith("994,", StringComparison.Ordinal) =>
                $"994,{Stage},Schedule and Conduct Kickoff Meeting,O,FastTrack Manager,All Services,Conduct the Kickoff Meeting,開始/キックオフ ミーティングを実施する,",
            _ when l.StartsWith("3616,", StringComparison.Ordinal) => l.Replace("Prepare for Kickoff Meeting", "Schedule and Conduct Kickoff Meeting"),
            _ => l,
        }).ToList();
        lines.Add("5000,Remediate,Conduct Remediation,Plan Remediation,M,Partner,Teams;Planner,\"Plan remediation, with the customer\",是正の計画,计划补救");
        return File(lines);
    }

    [Fact]
    public async Task Imported_phases_take_their_playbook_place_with_their_names_and_others_come_before_success()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = File([
            "id,phase,process,section,required,role,services,name_en,name_ja,name_zh",
            "5003,Migrate,Migrate Data,Plan,M,Migration Velocity Manager,All Services,Plan the migration,,",
            "5001,Remediate,Address Technical Gaps,Plan,M,FastTrack Engineer,All Services,Plan remediation,,",
            "5004,Adopt,Drive Adoption,Plan,O,FastTrack Manager,All Services,Plan adoption,,",
            "5002,Enable,Enable Services,Plan,M,FastTrack Engineer,All Services,Enable,,",
        ]);
        var preview = await PreviewAsync(db, file);
        Assert.Empty(preview.Problems);
        await db.Send(ApplyCommand(file, preview), TestUser.Admin);

        await using var ctx = db.NewContext();
        var phases = await ctx.Phases.OrderBy(p => p.Order).ToListAsync();
        Assert.Equal(["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Adopt", "Success"], phases.Select(p => p.NameEn));
        Assert.Equal(Enumerable.Range(1, 7), phases.Select(p => p.Order));
        Assert.Equal(("展開準備", "改进"), phases.Where(p => p.NameEn == "Remediate").Select(p => (p.NameJa, p.NameZh)).Single());
        var success = phases.Single(p => p.NameEn == "Success");
        Assert.Contains(await ctx.AuditEntries.Where(a => a.EntityType == AuditEntities.Phase && a.EntityId == success.Id.ToString()).ToListAsync(),
            a => a.Changes().Any(c => c.Field == "Order"));
    }

    [Fact]
    public async Task Preview_lists_added_changed_retired_restored_and_new_structure_and_writes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = await MixedChangesAsync(db);

        var preview = await PreviewAsync(db, file, retireMissing: true);

        Assert.Empty(preview.Problems);
        var added = Assert.Single(preview.Added);
        Assert.Equal(5000, added.FtopId);
        Assert.Equal("Remediate › Conduct Remediation › Plan Remediation", added.Location);
        Assert.Contains(new FieldChange("Services", null, "Planner;Teams"), added.Changes);
        Assert.Contains(new FieldChange("Name (English)", null, "Plan remediation, with the customer"), added.Changes);

        Assert.Equal([994, 3616], preview.Changed.Select(c => c.FtopId).Order());
        Assert.Equal(
        [
            new FieldChange("Name (English)", "Conduct Initiate/Kickoff Meeting(s)", "Conduct the Kickoff Meeting"),
            new FieldChange("Required", "M", "O"),
        ], preview.Changed.Single(c => c.FtopId == 994).Changes);
        Assert.Equal(
        [
            new FieldChange("Section", "Initiate › Conduct Customer Kickoff › Prepare for Kickoff Meeting",
                "Initiate › Conduct Customer Kickoff › Schedule and Conduct Kickoff Meeting"),
        ], preview.Changed.Single(c => c.FtopId == 3616).Changes);

        var retired = Assert.Single(preview.Retired);
        Assert.Equal((3979, "Handover between Gateway Targeting Team and CSS", "Initiate › Conduct Customer Kickoff › Prepare for Kickoff Meeting"),
            (retired.FtopId, retired.Name, retired.Location));
        Assert.Equal([new FieldChange("Retired", "no", "yes")], retired.Changes);
        var restored = Assert.Single(preview.Restored);
        Assert.Equal(983, restored.FtopId);
        Assert.Equal([new FieldChange("Retired", "yes", "no")], restored.Changes);

        Assert.Equal(16, preview.Unchanged);
        Assert.Equal(
        [
            new NewCatalogueItem("Phase", "Remediate"),
            new NewCatalogueItem("Process", "Remediate › Conduct Remediation"),
            new NewCatalogueItem("Section", "Remediate › Conduct Remediation › Plan Remediation"),
            new NewCatalogueItem("Service", "Planner"),
        ], preview.NewItems);

        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.AuditEntries.CountAsync());
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", (await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 994)).NameEn);
        Assert.False(await ctx.CatalogueTasks.AnyAsync(t => t.FtopId == 5000));
        Assert.False(await ctx.Phases.AnyAsync(p => p.NameEn == "Remediate"));
    }

    [Fact]
    public async Task Without_the_retire_choice_missing_tasks_are_kept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = await MixedChangesAsync(db);
        var preview = await PreviewAsync(db, file, retireMissing: false);
        Assert.Empty(preview.Retired);
        Assert.Equal(1, preview.NotInFile);
    }

    [Fact]
    public async Task Apply_writes_everything_and_its_history()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = await MixedChangesAsync(db);
        var preview = await PreviewAsync(db, file, retireMissing: true);

        var result = await db.Send(ApplyCommand(file, preview), TestUser.Admin);

        Assert.Equal(new ApplyImport.Result(1, 2, 1, 1, 4), result);
        await using var ctx = db.NewContext();
        var tasks = await ctx.CatalogueTasks.Include(t => t.Services).Include(t => t.Section).ThenInclude(s => s.Process).ThenInclude(p => p.Phase)
            .ToDictionaryAsync(t => t.FtopId);
        Assert.Equal("Conduct the Kickoff Meeting", tasks[994].NameEn);
        Assert.False(tasks[994].Mandatory);
        Assert.Equal("Schedule and Conduct Kickoff Meeting", tasks[3616].Section.NameEn);
        Assert.True(tasks[3979].Retired);
        Assert.False(tasks[983].Retired);
        var added = tasks[5000];
        Assert.Equal("Plan remediation, with the customer", added.NameEn);
        Assert.Equal("计划补救", added.NameZh);
        Assert.Equal("Partner", added.Role);
        Assert.Equal("Planner;Teams", added.ServicesText);
        Assert.Equal("Remediate", added.Section.Process.Phase.NameEn);
        Assert.Equal(3, added.Section.Process.Phase.Order); // its playbook place: after Assess, before Success
        Assert.Equal(1, added.Section.Process.Order);
        Assert.True(await ctx.Services.AnyAsync(s => s.Name == "Planner"));

        var audit = await ctx.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        var success = (await ctx.Phases.SingleAsync(p => p.NameEn == "Success")).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            ("Created", "5000"), ("Edited", success), ("Import", "catalogue"), ("Imported", "3616"), ("Imported", "994"), ("Restored", "983"), ("Retired", "3979"),
        ], audit.Select(a => (a.Action, a.EntityId)).OrderBy(a => a.Action, StringComparer.Ordinal).ThenBy(a => a.EntityId, StringComparer.Ordinal));
        Assert.All(audit.Where(a => a.Action is not ("Import" or "Edited")), a => Assert.Equal(AuditEntities.CatalogueTask, a.EntityType));
        Assert.Equal(new FieldChange("Order", "3", "4"), audit.Single(a => a.EntityType == AuditEntities.Phase).Changes().Single());
        Assert.All(audit, a => Assert.Equal(TestUser.Admin.Id, a.UserId));
        Assert.Contains(new FieldChange("Required", "M", "O"), audit.Single(a => a.EntityId == "994").Changes());
        var summary = audit.Single(a => a.Action == "Import");
        Assert.Equal(AuditEntities.Catalogue, summary.EntityType);
        Assert.Equal("Import of catalogue.csv: 1 added, 2 changed, 1 retired, 1 restored, 16 unchanged; 4 new phases, processes, sections or services.",
            summary.Summary);
        Assert.Contains(new FieldChange("New phase", null, "Remediate"), summary.Changes());
    }

    [Fact]
    public async Task A_bad_file_changes_nothing_even_when_sent_straight_to_apply()
    {
        await using var db = await TestDatabase.CreateAsync();
        var before = await ExportLinesAsync(db);
        var file = File([.. before, "994,Initiate,Conduct Customer Kickoff,Prepare for Kickoff Meeting,X,FastTrack Manager,All Services,Duplicate,,"]);
        var preview = await PreviewAsync(db, file);
        Assert.Contains(preview.Problems, p => p.Line == 22 && p.Message == "Required must be M or O, not \"X\".");
        Assert.Empty(preview.Changed);

        var refused = await Assert.ThrowsAsync<DomainException>(() => db.Send(ApplyCommand(file, preview), TestUser.Admin));
        Assert.Equal(ApplyImport.ProblemsMessage, refused.Message);
        Assert.Equal(before, await ExportLinesAsync(db));
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Apply_is_one_transaction()
    {
        await using var db = await TestDatabase.CreateAsync();
        var before = await ExportLinesAsync(db, new CatalogueFilter { Retired = null });
        var file = await MixedChangesAsync(db);
        var preview = await PreviewAsync(db, file, retireMissing: true);
        await FailInsertOfImportSummaryAsync(db);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.Send(ApplyCommand(file, preview), TestUser.Admin));

        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.AuditEntries.CountAsync());
        Assert.False(await ctx.CatalogueTasks.AnyAsync(t => t.FtopId == 5000));
        Assert.False(await ctx.Phases.AnyAsync(p => p.NameEn == "Remediate"));
        Assert.False(await ctx.Services.AnyAsync(s => s.Name == "Planner"));
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", (await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 994)).NameEn);
        Assert.True((await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 983)).Retired); // retired by the test set-up, not restored
        Assert.False((await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 3979)).Retired);
        Assert.Equal(before.Where(l => !l.StartsWith("983,", StringComparison.Ordinal)), await ExportLinesAsync(db));
    }

    /// <summary>Makes the database refuse the import's summary audit row, one of the last writes of an apply.</summary>
    private static async Task FailInsertOfImportSummaryAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        if (db.Provider == FastTrack.Data.DatabaseProvider.Postgres)
        {
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE FUNCTION fail_import() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END; $$ LANGUAGE plpgsql;");
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER fail_import BEFORE INSERT ON \"AuditEntries\" FOR EACH ROW WHEN (NEW.\"Action\" = 'Import') EXECUTE FUNCTION fail_import();");
        }
        else
        {
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER fail_import BEFORE INSERT ON AuditEntries WHEN NEW.Action = 'Import' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;");
        }
    }

    [Fact]
    public async Task A_stale_preview_is_refused_and_the_new_preview_can_be_applied()
    {
        await using var db = await TestDatabase.CreateAsync();
        var lines = await ExportLinesAsync(db);
        var file = File(lines.Select(l => l.StartsWith("2536,", StringComparison.Ordinal) ? l.Replace("Conduct Success Workshop", "Run the Success Workshop") : l));
        var preview = await PreviewAsync(db, file);
        Assert.Equal(2536, Assert.Single(preview.Changed).FtopId);

        await using (var ctx = db.NewContext()) // another admin edits a task meanwhile
        {
            var task = await ctx.CatalogueTasks.AsTracking().Include(t => t.Section).Include(t => t.Services).SingleAsync(t => t.FtopId == 3737);
            task.Edit(task.Section, "SharePoint workshop", task.NameJa, task.NameZh, task.Mandatory, task.Role, task.AllServices, task.Services);
            await ctx.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => db.Send(ApplyCommand(file, preview), TestUser.Admin));
        Assert.Equal(ApplyImport.StaleMessage, refused.Message);
        await using (var ctx = db.NewContext())
        {
            Assert.Equal("Conduct Success Workshop", (await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 2536)).NameEn);
            Assert.Equal(0, await ctx.AuditEntries.CountAsync());
        }

        var fresh = await PreviewAsync(db, file);
        Assert.NotEqual(preview.Fingerprint, fresh.Fingerprint);
        Assert.Equal([2536, 3737], fresh.Changed.Select(c => c.FtopId).Order());
        var result = await db.Send(ApplyCommand(file, fresh), TestUser.Admin);
        Assert.Equal(2, result.Changed);
    }

    [Fact]
    public async Task Export_then_import_is_a_no_op()
    {
        await using var db = await TestDatabase.CreateAsync();
        var export = await db.Send(new ExportCatalogue.Query(), TestUser.Admin);
        var text = Encoding.UTF8.GetString(export.Content);
        Assert.Contains("\"If required, send customer link to FastTrack Terms and Conditions http://aka.ms/fasttrackterms. View Task Guidance for more information\"", text);
        Assert.Contains(",開始/キックオフ ミーティングを実施する,\n", text); // no Chinese name: an empty last field
        Assert.Contains("Exchange;OneDrive for Business;SharePoint", text);

        var preview = await PreviewAsync(db, export.Content, retireMissing: true);

        Assert.Empty(preview.Problems);
        Assert.False(preview.HasChanges);
        Assert.Equal(20, preview.Unchanged);
        var result = await db.Send(ApplyCommand(export.Content, preview), TestUser.Admin);
        Assert.True(result.NothingChanged);
        await using var ctx = db.NewContext();
        Assert.Equal(0, await ctx.AuditEntries.CountAsync());
        Assert.Equal(0, await ctx.CatalogueTasks.SumAsync(t => t.Version));
    }

    [Fact]
    public async Task Services_compare_without_order_or_case()
    {
        await using var db = await TestDatabase.CreateAsync();
        var lines = await ExportLinesAsync(db);
        var file = File(lines.Select(l => l.Replace("Exchange;OneDrive for Business;SharePoint", "sharepoint; Exchange ;OneDrive for Business")
            .Replace(",All Services,", ",all services,")));
        var preview = await PreviewAsync(db, file);
        Assert.Empty(preview.Problems);
        Assert.False(preview.HasChanges);
    }

    [Fact]
    public async Task A_task_moves_to_a_new_section_with_the_same_name_in_a_new_process()
    {
        await using var db = await TestDatabase.CreateAsync();
        var lines = await ExportLinesAsync(db);
        var file = File(lines.Select(l => l.StartsWith("3979,", StringComparison.Ordinal)
            ? l.Replace("Initiate,Conduct Customer Kickoff,", "Initiate,Conduct Technical Assessment,")
            : l));
        var preview = await PreviewAsync(db, file);
        Assert.Equal([new FieldChange("Section", "Initiate › Conduct Customer Kickoff › Prepare for Kickoff Meeting",
            "Initiate › Conduct Technical Assessment › Prepare for Kickoff Meeting")], Assert.Single(preview.Changed).Changes);

        await db.Send(ApplyCommand(file, preview), TestUser.Admin);

        await using var ctx = db.NewContext();
        var task = await ctx.CatalogueTasks.Include(t => t.Section).ThenInclude(s => s.Process).SingleAsync(t => t.FtopId == 3979);
        Assert.Equal("Conduct Technical Assessment", task.Section.Process.NameEn);
        Assert.Equal(2, task.Section.Process.Order);
        Assert.Equal(2, await ctx.Processes.CountAsync(p => p.Phase.NameEn == "Initiate"));
    }

    [Fact]
    public async Task Only_an_admin_may_preview_or_apply()
    {
        await using var db = await TestDatabase.CreateAsync();
        var file = File(await ExportLinesAsync(db));
        await Assert.ThrowsAsync<ForbiddenException>(() => PreviewAsync(db, file, user: TestUser.Manager));
        var preview = await PreviewAsync(db, file);
        await Assert.ThrowsAsync<ForbiddenException>(() => db.Send(ApplyCommand(file, preview), TestUser.Manager));
        await Assert.ThrowsAsync<ForbiddenException>(() => db.Send(ApplyCommand(file, preview), TestUser.Partner));
    }
}
