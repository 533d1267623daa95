using System.Net;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Admin;

public class AuditTests
{
    [Fact]
    public async Task Admin_browses_and_filters_the_trail()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        await admin.PostFormAsync("/Admin/Users/New", new()
        {
            ["Data.DisplayName"] = "Pat Partner", ["Data.Email"] = "pat@example.com", ["Data.Password"] = AppFactory.Password, ["Data.Roles"] = Roles.Partner,
            ["Data.PartnerOrganisationId"] = (await app.OrganisationAsync("Fabrikam Partners")).ToString(),
        });

        var all = await admin.GetPageAsync("/Admin/Audit");
        var text = all.QuerySelector("[data-testid=audit-table]")!.TextContent;
        Assert.Contains("UserCreated", text);
        Assert.Contains("SignInSucceeded", text);
        Assert.Contains("pat@example.com", text);

        var filtered = await admin.GetPageAsync("/Admin/Audit?Action=UserCreated");
        var rows = filtered.QuerySelectorAll("[data-testid=audit-table] tbody tr");
        Assert.Single(rows);
        Assert.Contains("Pat Partner", rows[0].TextContent);
    }

    [Fact]
    public async Task Nobody_else_reads_the_trail_and_it_has_no_way_to_change_it()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await fm.GetAsync("/Admin/Audit")).StatusCode);
        var partner = await app.SignedInAsync(Roles.Partner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/Admin/Audit")).StatusCode);

        var admin = await app.AdminAsync();
        var before = app.Scoped(db => db.AuditEntries.Count());
        var post = await admin.PostAsync("/Admin/Audit", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(before, app.Scoped(db => db.AuditEntries.Count()));
    }
}
