using System.Globalization;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Tests;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Data;

public class CatalogueSeederTests
{
    [Fact]
    public async Task Seeds_the_playbook_catalogue_exactly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var ctx = db.NewContext();

        Assert.Equal(["Initiate", "Assess", "Success"], await ctx.Phases.OrderBy(p => p.Order).Select(p => p.NameEn).ToListAsync());
        Assert.Equal(4, await ctx.Processes.CountAsync());
        Assert.Equal(22, await ctx.Sections.CountAsync());
        var tasks = await ctx.CatalogueTasks.Include(t => t.Services).Include(t => t.Section).ThenInclude(s => s.Process).ThenInclude(p => p.Phase).ToListAsync();
        Assert.Equal(20, tasks.Count);

        // Ids and M/O exactly as in the playbook pages.
        var expected = new Dictionary<int, (string Phase, bool Mandatory)>
        {
            [3979] = ("Initiate", false), [3616] = ("Initiate", true), [994] = ("Initiate", true), [983] = ("Initiate", false),
            [1903] = ("Initiate", false), [1904] = ("Initiate", false),
            [3734] = ("Assess", true), [3278] = ("Assess", true), [3718] = ("Assess", true), [3737] = ("Assess", true),
            [3738] = ("Assess", true), [2536] = ("Assess", true),
            [3731] = ("Success", false), [3732] = ("Success", false), [3733] = ("Success", false), [3740] = ("Success", true),
            [3741] = ("Success", true), [3743] = ("Success", false), [3650] = ("Success", false), [3735] = ("Success", true),
        };
        Assert.Equal(expected.Keys.Order(), tasks.Select(t => t.FtopId).Order());
        foreach (var t in tasks)
        {
            Assert.Equal(expected[t.FtopId].Phase, t.Section.Process.Phase.NameEn);
            Assert.Equal(expected[t.FtopId].Mandatory, t.Mandatory);
            Assert.False(string.IsNullOrWhiteSpace(t.NameEn));
            Assert.False(string.IsNullOrWhiteSpace(t.NameJa));
        }

        var kickoff = tasks.Single(t => t.FtopId == 994);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", kickoff.Name(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("開始/キックオフ ミーティングを実施する", kickoff.Name(CultureInfo.GetCultureInfo("ja")));
        Assert.Equal(kickoff.NameEn, kickoff.Name(CultureInfo.GetCultureInfo("zh-Hans"))); // no Chinese name yet: English
        Assert.True(kickoff.AllServices);
        Assert.Equal("Teams - 启用后现场交接", tasks.Single(t => t.FtopId == 3731).Name(CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Equal("Exchange;OneDrive for Business;SharePoint", tasks.Single(t => t.FtopId == 1904).ServicesText);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing_and_keeps_admin_edits()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var ctx = db.NewContext())
        {
            var task = await ctx.CatalogueTasks.AsTracking().Include(t => t.Section).Include(t => t.Services).SingleAsync(t => t.FtopId == 994);
            task.Edit(task.Section, "Kickoff (renamed)", task.NameJa, task.NameZh, task.Mandatory, task.Role, true, []);
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.NewContext())
        {
            await CatalogueSeeder.SeedAsync(ctx);
            await CatalogueSeeder.SeedAsync(ctx, ShippedCatalogue.ReleaseSeed);
        }
        await using (var ctx = db.NewContext())
        {
            Assert.Equal(20, await ctx.CatalogueTasks.CountAsync());
            Assert.Equal(22, await ctx.Sections.CountAsync());
            Assert.Equal("Kickoff (renamed)", (await ctx.CatalogueTasks.SingleAsync(t => t.FtopId == 994)).NameEn);
        }
    }

    [Fact]
    public async Task Roles_are_seeded_once_with_the_playbooks_and_every_role_an_earlier_catalogue_names_stays_valid()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false);
        await using (var ctx = db.NewContext())
        {
            // A catalogue of an earlier release, where roles were free text: one task names a role the seed does not have.
            var phase = new Phase("Initiate", 1);
            var process = new Process(phase, "Kickoff", 1);
            phase.Processes.Add(process);
            var section = new Section(process, "Prepare", 1, "Customer");
            process.Sections.Add(section);
            section.Tasks.Add(new CatalogueTask(994, section, "Kickoff", null, null, true, "Account Executive", true, []));
            ctx.Phases.Add(phase);
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = db.NewContext()) await CatalogueSeeder.SeedAsync(ctx);
        await using (var ctx = db.NewContext()) await CatalogueSeeder.SeedAsync(ctx);

        await using (var ctx = db.NewContext())
        {
            var roles = await ctx.CatalogueRoles.OrderBy(r => r.Order).ToListAsync();
            Assert.Equal([.. CatalogueRoles.Seed.Select(r => r.Key), "Account Executive"], roles.Select(r => r.Key));
            Assert.Equal(Enumerable.Range(1, roles.Count), roles.Select(r => r.Order));
            Assert.Equal(("FastTrack エンジニア", "FastTrack 工程师"), roles.Where(r => r.Key == "FastTrack Engineer").Select(r => (r.NameJa, r.NameZh)).Single());
            Assert.All(roles, r => Assert.False(r.Retired));
        }
    }
}
