using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Catalogue;

/// <summary>
/// A new database starts with the whole playbook; an existing one (of an earlier release: the 20-task seed) is offered
/// the shipped catalogue through PreviewImport/ApplyImport with ShippedCatalogue, its admin's own edits kept (ADR 0015).
/// </summary>
public class CatalogueUpdateTests
{
    private static Task<ImportPreview> PreviewAsync(TestDatabase db) =>
        db.Send(new PreviewImport.Command { ShippedCatalogue = true }, TestUser.Admin);

    private static Task<ApplyImport.Result> ApplyAsync(TestDatabase db, ImportPreview preview) =>
        db.Send(new ApplyImport.Command { ShippedCatalogue = true, FileName = preview.FileName, Fingerprint = preview.Fingerprint }, TestUser.Admin);

    private static async Task<(int Phases, int Processes, int Sections, int Tasks, int Audit)> CountsAsync(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        return (await ctx.Phases.CountAsync(), await ctx.Processes.CountAsync(), await ctx.Sections.CountAsync(),
            await ctx.CatalogueTasks.CountAsync(), await ctx.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_new_database_starts_with_the_whole_playbook_and_is_offered_no_update()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false);
        await using (var ctx = db.NewContext()) await CatalogueSeeder.SeedAsync(ctx);

        await using (var ctx = db.NewContext())
        {
            Assert.Equal(["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"],
                await ctx.Phases.OrderBy(p => p.Order).Select(p => p.NameEn).ToListAsync());
            Assert.Equal(15, await ctx.Processes.CountAsync());
            Assert.Equal(78, await ctx.Sections.CountAsync());
            Assert.Equal(78, await ctx.Sections.CountAsync(s => s.SummaryEn != null));
            Assert.Equal(221, await ctx.CatalogueTasks.CountAsync());
            Assert.Equal(["Conduct Customer Success Workshop", "Conduct Technical Assessment", "Conduct Security Workshops",
                "Conduct Services Workshops", "Conduct Adoption and Change Management Conversation"],
                await ctx.Processes.Where(p => p.Phase.NameEn == "Assess").OrderBy(p => p.Order).Select(p => p.NameEn).ToListAsync());

            // The seed tasks keep the seed's values (ADR 0014 rule 5): 994's Japanese name, and no Chinese name.
            var kickoff = await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 994);
            Assert.Equal("開始/キックオフ ミーティングを実施する", kickoff.NameJa);
            Assert.Null(kickoff.NameZh);
            var prepare = await ctx.Sections.SingleAsync(s => s.NameEn == "Prepare for Kickoff Meeting");
            Assert.StartsWith("Before contacting the customer", prepare.SummaryEn);
            Assert.Equal(prepare.SummaryJa, prepare.Summary(CultureInfo.GetCultureInfo("ja")));
        }

        var preview = await PreviewAsync(db);
        Assert.False(preview.HasProblems);
        Assert.False(preview.HasChanges);
        Assert.Equal(221, preview.Unchanged);
        Assert.Empty(preview.Kept);
    }

    [Fact]
    public async Task An_old_release_database_is_offered_the_playbook_as_a_preview_that_writes_nothing_then_applied_on_confirmation()
    {
        await using var db = await TestDatabase.CreateAsync(); // the release seed: 3 phases, 4 processes, 22 sections, 20 tasks
        var before = await CountsAsync(db);
        Assert.Equal((3, 4, 22, 20), (before.Phases, before.Processes, before.Sections, before.Tasks));

        var preview = await PreviewAsync(db);
        Assert.False(preview.HasProblems);
        Assert.Equal(201, preview.Added.Count);
        Assert.Empty(preview.Changed); // the seed tasks are the playbook's seed rows
        Assert.Equal(20, preview.Unchanged);
        Assert.Empty(preview.Kept);
        Assert.Equal(["Remediate", "Enable", "Migrate"], preview.NewItems.Where(n => n.Kind == "Phase").Select(n => n.Name));
        Assert.Equal(11, preview.NewItems.Count(n => n.Kind == "Process"));
        Assert.Equal(56, preview.NewItems.Count(n => n.Kind == "Section"));
        // The 22 seed sections get their summaries, and the Chinese names the seed lacked.
        var prepare = preview.SectionsChanged.Single(c => c.Location.EndsWith("Prepare for Kickoff Meeting", StringComparison.Ordinal));
        Assert.Equal(["Name (Chinese)", "Summary (English)", "Summary (Japanese)", "Summary (Chinese)"], prepare.Changes.Select(c => c.Field));
        Assert.Equal("准备启动会议", prepare.Changes[0].After);
        Assert.Equal(22, preview.SectionsChanged.Count(c => c.Kind == "Section"));

        Assert.Equal(before, await CountsAsync(db)); // the preview wrote nothing
        Assert.Equal(preview.Fingerprint, (await PreviewAsync(db)).Fingerprint);

        var result = await ApplyAsync(db, preview);
        Assert.Equal((201, 0), (result.Added, result.Changed));
        await using (var ctx = db.NewContext())
        {
            Assert.Equal(["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"],
                await ctx.Phases.OrderBy(p => p.Order).Select(p => p.NameEn).ToListAsync());
            var remediate = await ctx.Phases.SingleAsync(p => p.NameEn == "Remediate");
            Assert.Equal(("展開準備", "改进"), (remediate.NameJa, remediate.NameZh));
            Assert.Equal(15, await ctx.Processes.CountAsync());
            Assert.Equal(78, await ctx.Sections.CountAsync());
            Assert.Equal(78, await ctx.Sections.CountAsync(s => s.SummaryEn != null));
            Assert.Equal(221, await ctx.CatalogueTasks.CountAsync());
            // Each new section has the shipped order, names and role; the tasks sit in their home sections.
            var shipped = ShippedCatalogue.Playbook.Sections.First(s => s.Process == "Conduct Technical Assessment");
            var section = await ctx.Sections.Include(s => s.Process).SingleAsync(s => s.NameEn == shipped.NameEn && s.Process.NameEn == shipped.Process);
            Assert.Equal((shipped.Order, shipped.NameJa, shipped.PrimaryRole, shipped.SummaryZh), (section.Order, section.NameJa, section.PrimaryRole, section.SummaryZh));
            Assert.Equal("Address Technical Gaps", await ctx.CatalogueTasks.Where(t => t.FtopId == 1700).Select(t => t.Section.Process.NameEn).SingleAsync());
            var import = await ctx.AuditEntries.SingleAsync(a => a.EntityType == AuditEntities.Catalogue && a.Action == "Import");
            Assert.StartsWith("Import of playbook-catalogue.csv: 201 added, 0 changed", import.Summary);
            Assert.Equal(22, await ctx.AuditEntries.CountAsync(a => a.EntityType == AuditEntities.Section && a.Action == CatalogueActions.Edited));
        }

        var again = await PreviewAsync(db);
        Assert.False(again.HasChanges);
        Assert.Equal(221, again.Unchanged);
    }

    [Fact]
    public async Task The_admins_own_edits_are_kept_and_shown_as_kept()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
        {
            var task = await ctx.CatalogueTasks.AsTracking().Include(t => t.Section).Include(t => t.Services).SingleAsync(t => t.FtopId == 994);
            task.Edit(task.Section, "Kickoff, our way", task.NameJa, "召开启动会议", false, task.Role, true, []);
            var prepare = await ctx.Sections.AsTracking().SingleAsync(s => s.NameEn == "Prepare for Kickoff Meeting");
            prepare.Edit("Get ready", prepare.NameJa, "我们的准备", prepare.Order, prepare.PrimaryRole, "RFA", prepare.AppliesTo);
            (await ctx.CatalogueTasks.AsTracking().SingleAsync(t => t.FtopId == 983)).Retire();
            await ctx.SaveChangesAsync();
        }

        var preview = await PreviewAsync(db);
        var kept = preview.Kept.Single(k => k.What == "Task 994");
        Assert.Equal([("Required", "O", "M"), ("Name (English)", "Kickoff, our way", "Conduct Initiate/Kickoff Meeting(s)"), ("Name (Chinese)", "召开启动会议", null)],
            kept.Changes.Select(c => (c.Field, c.Before, c.After)));
        Assert.Equal([new FieldChange("Retired", "yes", "no")], preview.Kept.Single(k => k.What == "Task 983").Changes);
        // The renamed seed section is found through its tasks: its name, Chinese name and motions are the admin's; the summary is added.
        var section = preview.Kept.Single(k => k.What == "Section");
        Assert.Equal(["Name (English)", "Name (Chinese)", "Motions"], section.Changes.Select(c => c.Field));
        Assert.Equal(["Summary (English)", "Summary (Japanese)", "Summary (Chinese)"],
            preview.SectionsChanged.Single(c => c.Location.EndsWith("Get ready", StringComparison.Ordinal)).Changes.Select(c => c.Field));
        Assert.DoesNotContain(preview.Changed, c => c.FtopId is 994 or 983);
        Assert.DoesNotContain(preview.NewItems, n => n.Name.EndsWith("Prepare for Kickoff Meeting", StringComparison.Ordinal));

        await ApplyAsync(db, preview);
        await using (var ctx = db.NewContext())
        {
            var task = await ctx.CatalogueTasks.Include(t => t.Section).SingleAsync(t => t.FtopId == 994);
            Assert.Equal(("Kickoff, our way", "召开启动会议", false), (task.NameEn, task.NameZh, task.Mandatory));
            Assert.Equal("Get ready", await ctx.CatalogueTasks.Where(t => t.FtopId == 3616).Select(t => t.Section.NameEn).SingleAsync());
            Assert.True((await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 983)).Retired);
            var s = await ctx.Sections.SingleAsync(x => x.NameEn == "Get ready");
            Assert.Equal(("RFA", "我们的准备"), (s.Motions, s.NameZh));
            Assert.StartsWith("Before contacting the customer", s.SummaryEn);
            Assert.False(await ctx.Sections.AnyAsync(x => x.NameEn == "Prepare for Kickoff Meeting"));
        }
        Assert.False((await PreviewAsync(db)).HasChanges);
    }

    [Fact]
    public async Task An_update_previewed_before_another_change_is_refused_and_nothing_is_written()
    {
        await using var db = await TestDatabase.CreateAsync();
        var preview = await PreviewAsync(db);
        await using (var ctx = db.NewContext())
        {
            var section = await ctx.Sections.AsTracking().SingleAsync(s => s.NameEn == "Success Metrics");
            section.Summarize("Our own summary", null, null);
            await ctx.SaveChangesAsync();
        }
        var before = await CountsAsync(db);

        var refused = await Assert.ThrowsAsync<DomainException>(() => ApplyAsync(db, preview));
        Assert.Equal(ApplyImport.StaleMessage, refused.Message);
        Assert.Equal(before, await CountsAsync(db));

        var fresh = await PreviewAsync(db);
        Assert.Contains(fresh.Kept, k => k.What == "Section" && k.Changes.Any(c => c.Field == "Summary (English)" && c.Before == "Our own summary"));
        await ApplyAsync(db, fresh);
        await using var check = db.NewContext();
        Assert.Equal("Our own summary", await check.Sections.Where(s => s.NameEn == "Success Metrics").Select(s => s.SummaryEn).SingleAsync());
    }

    [Fact]
    public async Task Only_admins_preview_or_apply_the_update()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<ForbiddenException>(() => db.Send(new PreviewImport.Command { ShippedCatalogue = true }, TestUser.Manager));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            db.Send(new ApplyImport.Command { ShippedCatalogue = true, Fingerprint = "x" }, TestUser.Manager));
        Assert.Equal(20, (await CountsAsync(db)).Tasks);
    }
}
