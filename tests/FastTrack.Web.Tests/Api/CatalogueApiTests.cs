using System.Net;
using System.Text;
using FastTrack.Web.Tests.Security;

namespace FastTrack.Web.Tests.Api;

public sealed class CatalogueApiTests
{
    [Fact]
    public async Task Anyone_reads_the_catalogue_and_only_an_admin_imports_it_after_a_dry_run()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = await w.App.ApiClientAsync(w.PartnerBId);
        var admin = await w.App.ApiClientAsync(w.AdminId);
        var fm = await w.App.ApiClientAsync(w.FmId);

        var tree = await (await partner.GetAsync("/api/v1/catalogue")).JsonAsync();
        Assert.Contains(tree.GetProperty("tasks").EnumerateArray(), t => t.GetProperty("ftopId").GetInt32() == 994);
        var export = await partner.GetAsync("/api/v1/catalogue/export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("994,", csv);

        var changed = csv.Replace(",Conduct Success Workshop,", ",Run the Success Workshop,");
        Assert.Equal(HttpStatusCode.Forbidden, (await fm.PostAsync("/api/v1/catalogue/import?dryRun=true", new StringContent(changed, Encoding.UTF8, "text/csv"))).StatusCode);
        var preview = await (await admin.PostAsync("/api/v1/catalogue/import?dryRun=true", new StringContent(changed, Encoding.UTF8, "text/csv"))).JsonAsync();
        Assert.Equal(1, preview.GetProperty("preview").GetProperty("changed").GetArrayLength());
        Assert.Equal("Conduct Success Workshop", w.App.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));

        var fingerprint = preview.GetProperty("preview").GetProperty("fingerprint").GetString();
        var applied = await admin.PostAsync($"/api/v1/catalogue/import?fingerprint={Uri.EscapeDataString(fingerprint!)}", new StringContent(changed, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(1, (await applied.JsonAsync()).GetProperty("applied").GetProperty("changed").GetInt32());
        Assert.Equal("Run the Success Workshop", w.App.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));
        Assert.True(w.App.Scoped(db => db.AuditEntries.Any(a => a.EntityType == "Catalogue" || a.EntityType == "CatalogueTask")));
    }
}
