using System.Net;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>/Catalogue/Phases: add, rename in three languages, reorder, retire and restore phases (issue 21 item 7).</summary>
public class PhasesPageTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static string[] Order(AppFactory app) => app.Scoped(db => db.Phases.OrderBy(p => p.Order).Select(p => p.NameEn).ToArray());

    private static Task<HttpResponseMessage> Press(HttpClient admin, string handler, string phase) =>
        admin.PostFormAsync($"/Catalogue/Phases?handler={handler}", [], "/Catalogue/Phases", $"[data-testid={handler.ToLowerInvariant()}-form][data-name='{phase}']");

    [Fact]
    public async Task An_admin_adds_a_phase_before_success_moves_renames_retires_and_restores_it()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        Assert.Equal(["Initiate", "Assess", "Success"], Order(app));

        var blank = await admin.PostFormAsync("/Catalogue/Phases", [F("Data.NameEn", "  ")], formSelector: "[data-testid=add-phase-form]");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Enter the English name.", (await blank.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);
        var taken = await admin.PostFormAsync("/Catalogue/Phases", [F("Data.NameEn", "assess")], formSelector: "[data-testid=add-phase-form]");
        Assert.Contains("Another phase already has this name.", (await taken.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);
        Assert.Equal(3, app.Scoped(db => db.Phases.Count()));

        // A phase of the playbook takes its playbook place; any other comes before Success.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Catalogue/Phases",
            [F("Data.NameEn", "Adopt"), F("Data.NameJa", "定着"), F("Data.NameZh", "采用")], formSelector: "[data-testid=add-phase-form]")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Catalogue/Phases",
            [F("Data.NameEn", "Remediate")], formSelector: "[data-testid=add-phase-form]")).StatusCode);
        Assert.Equal(["Initiate", "Assess", "Adopt", "Remediate", "Success"], Order(app));
        Assert.Equal(Enumerable.Range(1, 5), app.Scoped(db => db.Phases.OrderBy(p => p.Order).Select(p => p.Order).ToList()));

        Assert.Equal(HttpStatusCode.Redirect, (await Press(admin, "Later", "Adopt")).StatusCode);
        Assert.Equal(["Initiate", "Assess", "Remediate", "Adopt", "Success"], Order(app));
        Assert.Equal(HttpStatusCode.Redirect, (await Press(admin, "Earlier", "Adopt")).StatusCode);
        Assert.Equal(["Initiate", "Assess", "Adopt", "Remediate", "Success"], Order(app));
        var page = await admin.GetPageAsync("/Catalogue/Phases");
        Assert.Null(page.QuerySelector("[data-testid=earlier-form][data-name='Initiate']"));
        Assert.Null(page.QuerySelector("[data-testid=later-form][data-name='Success']"));

        var adopt = app.Scoped(db => db.Phases.Single(p => p.NameEn == "Adopt").Id);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Catalogue/Phases/{adopt}/Edit",
            [F("Data.NameEn", "Drive Adoption"), F("Data.NameJa", "定着の推進"), F("Data.NameZh", "推动采用")])).StatusCode);
        var renamed = app.Scoped(db => db.Phases.Single(p => p.Id == adopt));
        Assert.Equal(("Drive Adoption", "定着の推進", "推动采用"), (renamed.NameEn, renamed.NameJa, renamed.NameZh));
        var nameTaken = await admin.PostFormAsync($"/Catalogue/Phases/{adopt}/Edit", [F("Data.NameEn", "Success")]);
        Assert.Contains("Another phase already has this name.", (await nameTaken.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await Press(admin, "Retire", "Drive Adoption")).StatusCode);
        Assert.True(app.Scoped(db => db.Phases.Single(p => p.Id == adopt).Retired));
        Assert.Equal(HttpStatusCode.Redirect, (await Press(admin, "Restore", "Drive Adoption")).StatusCode);
        Assert.False(app.Scoped(db => db.Phases.Single(p => p.Id == adopt).Retired));
        Assert.Equal(["Created", "Edited", "Edited", "Edited", "Retired", "Restored"], app.Scoped(db => db.AuditEntries
            .Where(a => a.EntityType == AuditEntities.Phase && a.EntityId == adopt.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToList()));
    }

    [Fact]
    public async Task A_stale_move_is_refused_and_changes_nothing()
    {
        using var app = new AppFactory();
        var first = await app.AdminAsync();
        var second = await app.AdminAsync();
        var secondPage = await second.GetPageAsync("/Catalogue/Phases");
        Assert.Equal(HttpStatusCode.Redirect, (await Press(first, "Earlier", "Success")).StatusCode);
        Assert.Equal(["Initiate", "Success", "Assess"], Order(app));

        var stale = await second.SubmitFormAsync(secondPage, "/Catalogue/Phases?handler=Earlier", [], "[data-testid=earlier-form][data-name='Success']");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed the phases", await stale.Content.ReadAsStringAsync());
        Assert.Equal(["Initiate", "Success", "Assess"], Order(app));
    }

    [Theory]
    [InlineData(Roles.FastTrackManager)]
    [InlineData(Roles.Partner)]
    public async Task Only_admins_open_the_phases_pages_and_forged_posts_change_nothing(string userRole)
    {
        using var app = new AppFactory();
        var user = await app.SignedInAsync(userRole);
        var assess = app.Scoped(db => db.Phases.Single(p => p.NameEn == "Assess"));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/Catalogue/Phases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"/Catalogue/Phases/{assess.Id}/Edit")).StatusCode);
        var catalogue = await user.GetPageAsync("/Catalogue");
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ("/Catalogue/Phases", [F("Data.NameEn", "Hacked")]),
            ("/Catalogue/Phases?handler=Retire", [F("PhaseId", assess.Id.ToString()), F("Version", assess.Version.ToString())]),
            ("/Catalogue/Phases?handler=Earlier", [F("PhaseId", assess.Id.ToString()), F("Version", assess.Version.ToString())]),
            ($"/Catalogue/Phases/{assess.Id}/Edit", [F("Data.NameEn", "Hacked"), F("Data.Version", assess.Version.ToString())]),
        })
            Assert.Equal(HttpStatusCode.Forbidden, (await user.SubmitFormAsync(catalogue, url, fields, "#culture-form")).StatusCode);
        Assert.Equal(["Initiate", "Assess", "Success"], Order(app));
        Assert.False(app.Scoped(db => db.Phases.Any(p => p.Retired || p.NameEn == "Hacked")));
    }
}
