using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages.Catalogue;

public class CatalogueEditTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static (string NameEn, string? NameZh, bool Retired, int Version) Task994(AppFactory app, int id = 994) =>
        app.Scoped(db => db.CatalogueTasks.Where(t => t.FtopId == id).Select(t => new { t.NameEn, t.NameZh, t.Retired, t.Version })
            .AsEnumerable().Select(t => (t.NameEn, t.NameZh, t.Retired, t.Version)).Single());

    [Fact]
    public async Task An_admin_edits_a_task_and_its_page_shows_the_history()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var form = await admin.GetPageAsync("/Catalogue/Tasks/994/Edit");
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", ((IHtmlInputElement)form.QuerySelector("#Data_NameEn")!).Value);
        Assert.True(((IHtmlInputElement)form.QuerySelector("#all-services")!).IsChecked);

        var saved = await admin.PostFormAsync("/Catalogue/Tasks/994/Edit",
        [
            F("Data.NameZh", "召开启动会议"), F("Data.Mandatory", "false"), F("Data.AllServices", "false"),
            F("Data.Services", "Teams"), F("Data.Services", "Exchange"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/Catalogue/Tasks/994", saved.Headers.Location!.OriginalString);

        var task = app.Scoped(db => db.CatalogueTasks.Include(t => t.Services).Single(t => t.FtopId == 994));
        Assert.Equal("召开启动会议", task.NameZh);
        Assert.False(task.Mandatory);
        Assert.Equal("Exchange;Teams", task.ServicesText);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", task.NameEn);

        var page = await admin.GetPageAsync("/Catalogue/Tasks/994");
        var rows = page.QuerySelectorAll("[data-testid=history-row]");
        var row = Assert.Single(rows);
        Assert.Equal("Edited", row.QuerySelector("[data-testid=history-action]")!.TextContent.Trim());
        Assert.Contains("admin-", row.TextContent);
        var changes = row.QuerySelectorAll("[data-testid=history-change]").Select(c => c.TextContent).ToList();
        Assert.Contains(changes, c => c.Contains("Name (Chinese)") && c.Contains("召开启动会议"));
        Assert.Contains(changes, c => c.Contains("Required") && c.Contains("M") && c.Contains("O"));
        Assert.Contains(changes, c => c.Contains("Services") && c.Contains("All Services") && c.Contains("Exchange;Teams"));
    }

    [Fact]
    public async Task An_invalid_edit_shows_messages_next_to_the_fields_and_saves_nothing()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var before = Task994(app);

        var response = await admin.PostFormAsync("/Catalogue/Tasks/994/Edit",
            [F("Data.NameEn", "  "), F("Data.NameJa", "新しい名前"), F("Data.AllServices", "false"), F("Data.Role", "Astronaut")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        Assert.Contains("Enter the English name.", page.QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);
        Assert.Contains("Choose at least one service, or All Services.", page.QuerySelector("[data-valmsg-for='Data.Services']")!.TextContent);
        Assert.Contains("Choose a role from the list.", page.QuerySelector("[data-valmsg-for='Data.Role']")!.TextContent);
        Assert.Equal("新しい名前", ((IHtmlInputElement)page.QuerySelector("#Data_NameJa")!).Value);
        Assert.Equal(before, Task994(app));
        Assert.Equal(0, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType == AuditEntities.CatalogueTask)));
    }

    [Fact]
    public async Task The_second_of_two_admins_sees_the_conflict_keeps_their_input_and_can_save_again()
    {
        using var app = new AppFactory();
        var first = await app.AdminAsync();
        var second = await app.AdminAsync();
        var secondForm = await second.GetPageAsync("/Catalogue/Tasks/3735/Edit");

        var firstSave = await first.PostFormAsync("/Catalogue/Tasks/3735/Edit", [F("Data.NameEn", "Success Review (first admin)")]);
        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);

        var conflict = await second.SubmitFormAsync(secondForm, "/Catalogue/Tasks/3735/Edit",
            [F("Data.NameEn", "Success Review (second admin)"), F("Data.Mandatory", "false")]);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await conflict.HtmlAsync();
        Assert.Contains("Someone else changed this task while you were editing it.", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal("Success Review (second admin)", ((IHtmlInputElement)page.QuerySelector("#Data_NameEn")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("#required-o")!).IsChecked);
        Assert.Contains("Success Review (first admin)", page.QuerySelector("[data-testid=saved-NameEn]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=saved-Mandatory]"));
        var stored = app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 3735));
        Assert.Equal("Success Review (first admin)", stored.NameEn);
        Assert.True(stored.Mandatory);
        Assert.Equal(stored.Version.ToString(), ((IHtmlInputElement)page.QuerySelector("#Data_Version")!).Value);

        var again = await second.SubmitFormAsync(page, "/Catalogue/Tasks/3735/Edit", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var final = app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 3735));
        Assert.Equal("Success Review (second admin)", final.NameEn);
        Assert.False(final.Mandatory);
        Assert.Equal(2, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType == AuditEntities.CatalogueTask && a.EntityId == "3735")));
    }

    [Fact]
    public async Task An_admin_retires_a_task_and_restores_it()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();

        var retired = await admin.PostFormAsync("/Catalogue/Tasks/983?handler=Retire", [], pageUrl: "/Catalogue/Tasks/983",
            formSelector: "[data-testid=retire-form]");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.True(Task994(app, 983).Retired);

        var page = await admin.GetPageAsync("/Catalogue/Tasks/983");
        Assert.NotNull(page.QuerySelector("[data-testid=retired-notice]"));
        Assert.DoesNotContain("983", (await admin.GetPageAsync("/Catalogue?view=table")).QuerySelectorAll("[data-testid=task-row]").Select(r => r.GetAttribute("data-ftop-id")));
        var retiredOnly = await admin.GetPageAsync("/Catalogue?view=table&Retired=true");
        Assert.Equal(new[] { "983" }, retiredOnly.QuerySelectorAll("[data-testid=task-row]").Select(r => r.GetAttribute("data-ftop-id")).ToArray());
        Assert.Equal(20, (await admin.GetPageAsync("/Catalogue?view=table&Retired=")).QuerySelectorAll("[data-testid=task-row]").Length);

        var restored = await admin.PostFormAsync("/Catalogue/Tasks/983?handler=Restore", [], pageUrl: "/Catalogue/Tasks/983",
            formSelector: "[data-testid=restore-form]");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.False(Task994(app, 983).Retired);
        var history = (await admin.GetPageAsync("/Catalogue/Tasks/983")).QuerySelectorAll("[data-testid=history-action]")
            .Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(new[] { "Restored", "Retired" }, history);
    }

    [Fact]
    public async Task Retiring_with_a_stale_version_is_refused_with_a_message()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var stale = await admin.GetPageAsync("/Catalogue/Tasks/983");
        await admin.PostFormAsync("/Catalogue/Tasks/983/Edit", [F("Data.NameEn", "QuickLeads referral")]);

        var response = await admin.SubmitFormAsync(stale, "/Catalogue/Tasks/983?handler=Retire", [], "[data-testid=retire-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this task", (await response.HtmlAsync()).QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.False(Task994(app, 983).Retired);
    }

    [Fact]
    public async Task An_admin_adds_a_task_and_a_duplicate_id_is_refused_next_to_the_field()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var section = app.Scoped(db => db.Sections.Single(s => s.NameEn == "Capture Available SSAT (Kickoff Meeting)").Id);
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Data.FtopId", "4001"), F("Data.SectionId", section.ToString()), F("Data.NameEn", "Capture SSAT per service"),
            F("Data.NameJa", "サービスごとに SSAT を把握する"), F("Data.Mandatory", "true"), F("Data.Role", "FastTrack Manager"),
            F("Data.Services", "Teams"), F("Data.Services", "SharePoint"),
        };
        var created = await admin.PostFormAsync("/Catalogue/Tasks/New", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/Catalogue/Tasks/4001", created.Headers.Location!.OriginalString);
        var task = app.Scoped(db => db.CatalogueTasks.Include(t => t.Services).Single(t => t.FtopId == 4001));
        Assert.Equal("SharePoint;Teams", task.ServicesText);
        Assert.Equal(section, task.SectionId);
        Assert.Equal("Created", (await admin.GetPageAsync("/Catalogue/Tasks/4001")).QuerySelector("[data-testid=history-action]")!.TextContent.Trim());

        fields[0] = F("Data.FtopId", "994");
        var duplicate = await admin.PostFormAsync("/Catalogue/Tasks/New", fields);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("This FTOP id is already in the catalogue.",
            (await duplicate.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.FtopId']")!.TextContent);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", Task994(app).NameEn);
        Assert.Equal(21, app.Scoped(db => db.CatalogueTasks.Count()));
    }

    [Fact]
    public async Task An_admin_edits_a_section_and_a_process()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var section = app.Scoped(db => db.Sections.Single(s => s.NameEn == "Confirm DIBS (Kickoff Meeting)").Id);
        var process = app.Scoped(db => db.Processes.Single(p => p.NameEn == "Conduct Customer Kickoff").Id);

        var invalid = await admin.PostFormAsync($"/Catalogue/Sections/{section}/Edit",
            [F("Data.Order", "0"), F("Data.Motions", "Whatever"), F("Data.NameEn", "Schedule and Conduct Kickoff Meeting")]);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidPage = await invalid.HtmlAsync();
        Assert.Contains("The order must be 1 or more.", invalidPage.QuerySelector("[data-valmsg-for='Data.Order']")!.TextContent);
        Assert.Contains("Choose motions from the list.", invalidPage.QuerySelector("[data-valmsg-for='Data.Motions']")!.TextContent);
        Assert.Contains("Another section of this process already has this name.", invalidPage.QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);

        var saved = await admin.PostFormAsync($"/Catalogue/Sections/{section}/Edit",
            [F("Data.NameZh", "确认 DIBS（启动会议）"), F("Data.Motions", "RFA"), F("Data.AllServices", "false"), F("Data.AppliesTo", "Teams")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var s = app.Scoped(db => db.Sections.Single(x => x.Id == section));
        Assert.Equal(("确认 DIBS（启动会议）", "RFA", "Teams"), (s.NameZh, s.Motions, s.AppliesTo));
        var sectionPage = await admin.GetPageAsync($"/Catalogue/Sections/{section}/Edit");
        Assert.Single(sectionPage.QuerySelectorAll("[data-testid=history-row]"));

        var processSaved = await admin.PostFormAsync($"/Catalogue/Processes/{process}/Edit", [F("Data.NameEn", "Conduct Customer Kickoff Meeting")]);
        Assert.Equal(HttpStatusCode.Redirect, processSaved.StatusCode);
        Assert.Equal("Conduct Customer Kickoff Meeting", app.Scoped(db => db.Processes.Single(p => p.Id == process).NameEn));
        Assert.Equal(1, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType == AuditEntities.Process && a.EntityId == process.ToString())));
    }

    [Theory]
    [InlineData(Roles.FastTrackManager)]
    [InlineData(Roles.Partner)]
    public async Task Managers_and_partners_may_not_open_the_edit_pages_and_their_forged_posts_change_nothing(string role)
    {
        using var app = new AppFactory();
        var user = await app.SignedInAsync(role);
        var section = app.Scoped(db => db.Sections.First().Id);
        var process = app.Scoped(db => db.Processes.First().Id);
        foreach (var url in new[] { "/Catalogue/Tasks/994/Edit", "/Catalogue/Tasks/New", $"/Catalogue/Sections/{section}/Edit", $"/Catalogue/Processes/{process}/Edit" })
        {
            AssertDenied(await user.GetAsync(url));
        }

        // A real antiforgery token for this user, from the language form every page has.
        var catalogue = await user.GetPageAsync("/Catalogue");
        var version = Task994(app).Version.ToString();
        AssertDenied(await user.SubmitFormAsync(catalogue, "/Catalogue/Tasks/994/Edit",
            [F("Data.Version", version), F("Data.NameEn", "Hacked"), F("Data.SectionId", section.ToString()), F("Data.AllServices", "true"), F("Data.Role", "Partner")],
            "#culture-form"));
        AssertDenied(await user.SubmitFormAsync(catalogue, "/Catalogue/Tasks/994?handler=Retire", [F("Version", version)], "#culture-form"));
        AssertDenied(await user.SubmitFormAsync(catalogue, "/Catalogue/Tasks/New",
            [F("Data.FtopId", "5000"), F("Data.NameEn", "Forged"), F("Data.SectionId", section.ToString()), F("Data.AllServices", "true"), F("Data.Role", "Partner")],
            "#culture-form"));
        AssertDenied(await user.SubmitFormAsync(catalogue, $"/Catalogue/Sections/{section}/Edit", [F("Data.NameEn", "Forged"), F("Data.Order", "1")], "#culture-form"));

        var task = Task994(app);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", task.NameEn);
        Assert.False(task.Retired);
        Assert.Equal(20, app.Scoped(db => db.CatalogueTasks.Count()));
        Assert.NotEqual("Forged", app.Scoped(db => db.Sections.Single(s => s.Id == section).NameEn));
        Assert.Equal(0, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType != AuditEntities.User && a.EntityType != AuditEntities.SignIn)));
    }
}
