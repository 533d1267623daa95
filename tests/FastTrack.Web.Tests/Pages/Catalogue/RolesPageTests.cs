using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>/Catalogue/Roles: roles are catalogue data an admin adds, renames in three languages, retires and restores (issue 21 item 6).</summary>
public class RolesPageTests
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    private static int RoleId(AppFactory app, string key) => app.Scoped(db => db.CatalogueRoles.Single(r => r.Key == key).Id);

    private static string[] RoleOptions(IHtmlDocument page, string select) =>
        page.QuerySelectorAll($"{select} option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0).ToArray();

    [Fact]
    public async Task The_roles_page_lists_the_seeded_roles_of_the_playbook_with_their_use()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var page = await admin.GetPageAsync("/Catalogue/Roles");

        Assert.Equal(CatalogueRoles.Seed.Select(r => r.Key), page.QuerySelectorAll("[data-testid=role-row]").Select(r => r.GetAttribute("data-key")));
        var manager = page.QuerySelector("[data-testid=role-row][data-key='FastTrack Manager']")!;
        Assert.Contains("20", manager.TextContent); // every seed task names the FastTrack Manager
        Assert.Equal(CatalogueRoles.Seed.Select(r => r.Key), RoleOptions(await admin.GetPageAsync("/Catalogue/Tasks/New"), "#Data_Role"));
    }

    [Fact]
    public async Task An_admin_adds_renames_retires_and_restores_a_role_and_the_task_forms_follow()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();

        var blank = await admin.PostFormAsync("/Catalogue/Roles", [F("Data.Key", "   ")], formSelector: "[data-testid=add-role-form]");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Enter the role as catalogue files name it.", (await blank.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Key']")!.TextContent);
        var taken = await admin.PostFormAsync("/Catalogue/Roles", [F("Data.Key", "fasttrack engineer")], formSelector: "[data-testid=add-role-form]");
        Assert.Contains("This role is already in the catalogue.", (await taken.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Key']")!.TextContent);
        Assert.Equal(CatalogueRoles.Seed.Length, app.Scoped(db => db.CatalogueRoles.Count()));

        var added = await admin.PostFormAsync("/Catalogue/Roles",
            [F("Data.Key", " Security Architect "), F("Data.NameJa", "セキュリティ アーキテクト"), F("Data.NameZh", "安全架构师")],
            formSelector: "[data-testid=add-role-form]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var role = app.Scoped(db => db.CatalogueRoles.Single(r => r.Key == "Security Architect"));
        Assert.Equal(("Security Architect", "セキュリティ アーキテクト", "安全架构师", CatalogueRoles.Seed.Length + 1), (role.NameEn, role.NameJa, role.NameZh, role.Order));
        Assert.Contains("Security Architect", RoleOptions(await admin.GetPageAsync("/Catalogue/Tasks/994/Edit"), "#Data_Role"));

        // Rename SME in three languages: tasks keep the key, pages show the new name.
        var sme = RoleId(app, "SME");
        var renamed = await admin.PostFormAsync($"/Catalogue/Roles/{sme}/Edit",
            [F("Data.NameEn", "Subject Matter Expert"), F("Data.NameJa", "分野別の専門家"), F("Data.NameZh", "主题专家")]);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var taskSaved = await admin.PostFormAsync("/Catalogue/Tasks/994/Edit", [F("Data.Role", "SME")]);
        Assert.Equal(HttpStatusCode.Redirect, taskSaved.StatusCode);
        Assert.Equal("SME", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 994).Role));
        var table = await admin.GetPageAsync("/Catalogue?view=table&Search=994");
        Assert.Contains("Subject Matter Expert", table.QuerySelector("[data-testid=task-row]")!.TextContent);
        var nameTaken = await admin.PostFormAsync($"/Catalogue/Roles/{sme}/Edit", [F("Data.NameEn", "Partner")]);
        Assert.Contains("Another role already has this name.", (await nameTaken.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.NameEn']")!.TextContent);

        // Retire SME: 994 keeps it and can still be saved with it; a new task cannot choose it; the import refuses it.
        var retired = await admin.PostFormAsync("/Catalogue/Roles?handler=Retire", [], "/Catalogue/Roles", "[data-testid=retire-form][data-key='SME']");
        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.True(app.Scoped(db => db.CatalogueRoles.Single(r => r.Key == "SME").Retired));
        Assert.DoesNotContain("SME", RoleOptions(await admin.GetPageAsync("/Catalogue/Tasks/New"), "#Data_Role"));
        Assert.Contains("SME", RoleOptions(await admin.GetPageAsync("/Catalogue/Tasks/994/Edit"), "#Data_Role"));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Catalogue/Tasks/994/Edit", [F("Data.NameZh", "召开启动会议")])).StatusCode);
        var section = app.Scoped(db => db.Sections.First().Id);
        var refused = await admin.PostFormAsync("/Catalogue/Tasks/New",
            [F("Data.FtopId", "5001"), F("Data.SectionId", section.ToString()), F("Data.NameEn", "New task"), F("Data.Role", "SME"), F("Data.AllServices", "true")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose a role from the list.", (await refused.HtmlAsync()).QuerySelector("[data-valmsg-for='Data.Role']")!.TextContent);
        Assert.False(app.Scoped(db => db.CatalogueTasks.Any(t => t.FtopId == 5001)));

        var restored = await admin.PostFormAsync("/Catalogue/Roles?handler=Restore", [], "/Catalogue/Roles", "[data-testid=restore-form][data-key='SME']");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("SME", RoleOptions(await admin.GetPageAsync("/Catalogue/Tasks/New"), "#Data_Role"));
        Assert.Equal(["Created"], app.Scoped(db => db.AuditEntries.Where(a => a.EntityType == AuditEntities.Role && a.EntityId == role.Id.ToString()).Select(a => a.Action).ToList()));
        Assert.Equal(["Edited", "Retired", "Restored"], app.Scoped(db => db.AuditEntries.Where(a => a.EntityType == AuditEntities.Role && a.EntityId == sme.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToList()));
    }

    [Fact]
    public async Task A_stale_retire_or_rename_is_refused_and_the_second_admin_is_told()
    {
        using var app = new AppFactory();
        var first = await app.AdminAsync();
        var second = await app.AdminAsync();
        var sme = RoleId(app, "SME");
        var secondForm = await second.GetPageAsync($"/Catalogue/Roles/{sme}/Edit");
        var secondList = await second.GetPageAsync("/Catalogue/Roles");

        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync($"/Catalogue/Roles/{sme}/Edit", [F("Data.NameEn", "Subject Matter Expert")])).StatusCode);

        var conflict = await second.SubmitFormAsync(secondForm, $"/Catalogue/Roles/{sme}/Edit", [F("Data.NameEn", "Specialist")]);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await conflict.HtmlAsync();
        Assert.NotNull(page.QuerySelector("[data-testid=conflict]"));
        Assert.Contains("Subject Matter Expert", page.QuerySelector("[data-testid=saved-NameEn]")!.TextContent);
        var stale = await second.SubmitFormAsync(secondList, "/Catalogue/Roles?handler=Retire", [], "[data-testid=retire-form][data-key='SME']");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Someone else changed this role", (await stale.Content.ReadAsStringAsync()));
        var role = app.Scoped(db => db.CatalogueRoles.Single(r => r.Id == sme));
        Assert.Equal(("Subject Matter Expert", false), (role.NameEn, role.Retired));
    }

    [Theory]
    [InlineData(Roles.FastTrackManager)]
    [InlineData(Roles.Partner)]
    public async Task Only_admins_open_the_roles_pages_and_forged_posts_change_nothing(string userRole)
    {
        using var app = new AppFactory();
        var user = await app.SignedInAsync(userRole);
        var sme = RoleId(app, "SME");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/Catalogue/Roles")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync($"/Catalogue/Roles/{sme}/Edit")).StatusCode);

        var catalogue = await user.GetPageAsync("/Catalogue");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.SubmitFormAsync(catalogue, "/Catalogue/Roles", [F("Data.Key", "Hacker")], "#culture-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.SubmitFormAsync(catalogue, "/Catalogue/Roles?handler=Retire",
            [F("RoleId", sme.ToString()), F("Version", "0")], "#culture-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.SubmitFormAsync(catalogue, $"/Catalogue/Roles/{sme}/Edit",
            [F("Data.NameEn", "Hacked"), F("Data.Version", "0"), F("Data.Order", "1")], "#culture-form")).StatusCode);
        Assert.False(app.Scoped(db => db.CatalogueRoles.Any(r => r.Key == "Hacker" || r.NameEn == "Hacked" || r.Retired)));
    }
}
