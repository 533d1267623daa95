using System.Net;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>
/// The shipped catalogue on the pages: a new installation starts with the whole playbook (and shows each section's
/// summary on the engagement page); an existing database's admin reviews and confirms the update at /Catalogue/Update;
/// the summary is edited on the section page (ADR 0015).
/// </summary>
public class CatalogueUpdatePageTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Fact]
    public async Task A_new_installation_shows_the_whole_playbook_and_each_sections_summary_in_the_users_language()
    {
        using var database = new AppDatabase(catalogue: null);
        using var app = new AppFactory(sharedDatabase: database);
        var admin = await app.AdminAsync();
        var catalogue = await admin.GetPageAsync("/Catalogue");
        Assert.StartsWith("221 of 221 tasks", catalogue.QuerySelector("[data-testid=counts]")!.TextContent.Trim());
        Assert.Equal(6, catalogue.QuerySelectorAll("[data-testid=catalogue-tree] h2").Length);
        Assert.Null(catalogue.QuerySelector("[data-testid=update-offered]"));

        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting",
            DateOnly.FromDateTime(DateTime.UtcNow), ServiceNames.Teams);
        var prepare = ShippedCatalogue.Playbook.Sections.Single(s => s.NameEn == "Prepare for Kickoff Meeting");
        foreach (var (culture, summary, label) in new[] { ("en", prepare.SummaryEn, "What the FM does here"), ("ja", prepare.SummaryJa, "ここで FM が行うこと") })
        {
            fm.DefaultRequestHeaders.AcceptLanguage.Clear();
            fm.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
            var page = await fm.GetPageAsync($"/Engagements/{id}");
            var details = page.QuerySelectorAll("details[data-testid=section-summary]");
            Assert.NotEmpty(details);
            var first = details[0];
            Assert.False(first.HasAttribute("open")); // folded by default
            Assert.Equal(label, first.QuerySelector("summary")!.TextContent.Trim());
            Assert.Equal(summary, first.QuerySelector("p")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task An_existing_database_is_offered_the_update_which_keeps_the_admins_edit_and_applies_only_on_confirmation()
    {
        using var app = new AppFactory(); // a database of an earlier release: the 20-task seed
        var admin = await app.AdminAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
            var task = await db.CatalogueTasks.AsTracking().Include(t => t.Section).Include(t => t.Services).SingleAsync(t => t.FtopId == 994);
            task.Edit(task.Section, "Kickoff, our way", task.NameJa, task.NameZh, task.Mandatory, task.Role, true, []);
            await db.SaveChangesAsync();
        }

        var catalogue = await admin.GetPageAsync("/Catalogue");
        Assert.Equal("/Catalogue/Update", catalogue.QuerySelector("[data-testid=update-link]")!.GetAttribute("href"));
        var preview = await admin.GetPageAsync("/Catalogue/Update");
        Assert.Equal(201, preview.QuerySelectorAll("[data-testid=added] tbody").Length);
        var kept = preview.QuerySelector("[data-testid=kept] tbody[data-kept='Task 994']")!;
        Assert.Contains("kept: your edit", kept.TextContent);
        Assert.Contains("Kickoff, our way", kept.TextContent);
        Assert.Equal(20, app.Scoped(db => db.CatalogueTasks.Count())); // the GET wrote nothing
        Assert.Equal(0, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "Import")));

        var manager = await app.SignedInAsync(Roles.FastTrackManager);
        Assert.Null((await manager.GetPageAsync("/Catalogue")).QuerySelector("[data-testid=update-offered]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/Catalogue/Update")).StatusCode);

        var applied = await admin.SubmitAsync(preview, "#apply-form", "/Catalogue/Update");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal(221, app.Scoped(db => db.CatalogueTasks.Count()));
        Assert.Equal("Kickoff, our way", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 994).NameEn));
        Assert.Equal(1, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "Import")));
        Assert.Null((await admin.GetPageAsync("/Catalogue")).QuerySelector("[data-testid=update-offered]"));

        // The same confirmation again is stale: refused with a message, nothing written twice.
        var again = await admin.SubmitAsync(preview, "#apply-form", "/Catalogue/Update");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("The catalogue changed since your preview", (await again.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal(1, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "Import")));
    }

    [Fact]
    public async Task An_admin_edits_a_sections_summary_with_validation_and_a_version_check()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var section = app.Scoped(db => db.Sections.Single(s => s.NameEn == "Confirm DIBS (Kickoff Meeting)").Id);
        var url = $"/Catalogue/Sections/{section}/Edit";
        var form = await admin.GetPageAsync(url);
        Assert.NotNull(form.QuerySelector("textarea#Data_SummaryJa[lang=ja]"));

        var refused = await admin.PostFormAsync(url, [F("Data.SummaryJa", "DIBS を確認します。")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter the English summary too", (await refused.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.SummaryEn']")!.TextContent);
        Assert.Null(app.Scoped(db => db.Sections.Single(s => s.Id == section).SummaryJa));

        var saved = await admin.PostFormAsync(url, [F("Data.SummaryEn", "Confirm the DIBS with the customer."), F("Data.SummaryJa", "DIBS を確認します。")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var s = app.Scoped(db => db.Sections.Single(x => x.Id == section));
        Assert.Equal(("Confirm the DIBS with the customer.", "DIBS を確認します。", (string?)null), (s.SummaryEn, s.SummaryJa, s.SummaryZh));
        Assert.Equal("DIBS を確認します。", (await admin.GetPageAsync(url)).QuerySelector("#Data_SummaryJa")!.TextContent);

        // A second admin saving from the form they opened before is told, and sees the saved summary.
        var stale = await admin.PostFormAsync(url, [F("Data.Version", (s.Version - 1).ToString()), F("Data.SummaryEn", "Something else.")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var stalePage = await stale.HtmlAsync();
        Assert.NotNull(stalePage.QuerySelector("[data-testid=conflict]"));
        Assert.Contains("Confirm the DIBS with the customer.", stalePage.QuerySelector("[data-testid=saved-SummaryEn]")!.TextContent);
        Assert.Equal("Confirm the DIBS with the customer.", app.Scoped(db => db.Sections.Single(x => x.Id == section).SummaryEn));
    }
}
