using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>
/// The catalogue page with the whole playbook is sent without the template's indentation (KeptHtml's <c>compact</c>,
/// docs/performance.md: about 40 % of its bytes), and it is the same page: every task row is there.
/// </summary>
public class CataloguePageSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task The_catalogue_page_is_sent_without_indentation_and_still_lists_every_task()
    {
        using var database = new AppDatabase(FastTrack.Data.ShippedCatalogue.Playbook);
        using var app = new AppFactory("Development", database);
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        foreach (var url in new[] { "/Catalogue", "/Catalogue" }) // rendered, then written from the kept text
        {
            var response = await fm.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var tree = html[html.IndexOf("data-testid=\"catalogue-tree\"", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)].TrimEnd();
            var indented = System.Text.RegularExpressions.Regex.Matches(tree, @"\n[ \t]+").Count;
            output.WriteLine($"{url}: {System.Text.Encoding.UTF8.GetByteCount(html):N0} bytes, {indented} indented lines in the tree");
            Assert.Equal(0, indented);
            Assert.Equal(app.Scoped(db => db.CatalogueTasks.Count(t => !t.Retired)),
                FormPosting.Parse(html).QuerySelectorAll("[data-testid=tree-task]").Length);
        }
    }
}
