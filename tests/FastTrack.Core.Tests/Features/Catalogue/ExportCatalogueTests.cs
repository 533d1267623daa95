using System.Text;
using FastTrack.Features.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Catalogue;

public class ExportCatalogueTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static string[] Ids(ExportCatalogue.Result export) =>
        Encoding.UTF8.GetString(export.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToArray();

    [Fact]
    public async Task Exports_the_active_catalogue_in_playbook_order()
    {
        await using var db = await TestDatabase.CreateAsync();
        var export = await db.Send(new ExportCatalogue.Query(), TestUser.Manager, new FixedClock(new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero)));

        Assert.Equal("fasttrack-catalogue-20260309.csv", export.FileName);
        Assert.Equal([0xEF, 0xBB, 0xBF], export.Content[..3]);
        var text = Encoding.UTF8.GetString(export.Content[3..]);
        Assert.StartsWith("id,phase,process,section,required,role,services,name_en,name_ja,name_zh\n", text);
        // Phase, process and section order, then id within a section.
        Assert.Equal(["3616", "3979", "983", "994", "1903", "1904", "3278", "3718", "3734", "3737", "3738", "2536",
            "3731", "3732", "3733", "3740", "3741", "3743", "3650", "3735"], Ids(export));
    }

    [Fact]
    public async Task Exports_what_the_filter_shows()
    {
        await using var db = await TestDatabase.CreateAsync();
        int assess;
        await using (var ctx = db.NewContext()) assess = (await ctx.Phases.SingleAsync(p => p.NameEn == "Assess")).Id;

        var byPhase = await db.Send(new ExportCatalogue.Query { Filter = new CatalogueFilter { PhaseId = assess } }, TestUser.Partner);
        Assert.Equal(["3278", "3718", "3734", "3737", "3738", "2536"], Ids(byPhase));

        var bySearch = await db.Send(new ExportCatalogue.Query { Filter = new CatalogueFilter { Search = "OneDrive" } }, TestUser.Partner);
        Assert.Equal(["3718", "3740", "3741", "3743"], Ids(bySearch));
        Assert.Equal(4, bySearch.Rows);
    }
}
