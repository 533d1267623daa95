using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages.Catalogue;

public class ImportPageTests
{
    internal static async Task<byte[]> ExportAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/Catalogue/Export" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, bool retireMissing = false, string fileName = "catalogue.csv") =>
        client.PostFileAsync("/Catalogue/Import", "#upload-form", "Upload", fileName, file,
            retireMissing ? new() { ["RetireMissing"] = "true" } : null);

    private static string Text(byte[] file) => Encoding.UTF8.GetString(file).TrimStart('\uFEFF');

    private static string Cells(IHtmlDocument page, string selector) =>
        string.Join(" | ", page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task Preview_shows_every_change_then_apply_writes_them()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var text = Text(await ExportAsync(admin))
            .Replace(",Conduct Success Workshop,", ",Run the Success Workshop,")
            + "5000,Remediate,Conduct Remediation,Plan Remediation,M,Partner,Teams;Planner,Plan remediation,是正の計画,\n";
        var file = Encoding.UTF8.GetBytes(string.Join("\n", text.Split('\n').Where(l => !l.StartsWith("3979,", StringComparison.Ordinal))));

        var previewResponse = await UploadAsync(admin, file, retireMissing: true);
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        var preview = await previewResponse.HtmlAsync();

        Assert.Equal("1 added, 1 changed, 1 retired, 0 restored, 18 unchanged.", preview.QuerySelector("[data-testid=preview-summary]")!.TextContent.Trim());
        Assert.Equal("2536", Cells(preview, "#changed tbody[data-id='2536'] th[scope=rowgroup]"));
        Assert.Equal("Assess › Conduct Customer Success Workshop › Customer Success Workshop Complete", Cells(preview, "#changed tbody[data-id='2536'] td .text-muted"));
        Assert.Equal("Name (English) | Conduct Success Workshop | Run the Success Workshop", Cells(preview, "#changed tbody[data-id='2536'] td:nth-last-child(-n+3)"));
        Assert.Contains("Plan remediation", preview.QuerySelector("#added tbody[data-id='5000']")!.TextContent);
        Assert.Contains("Retired", preview.QuerySelector("#retired tbody[data-id='3979']")!.TextContent);
        Assert.Equal("Phase | Remediate | Process | Remediate › Conduct Remediation | Section | Remediate › Conduct Remediation › Plan Remediation | Service | Planner",
            Cells(preview, "[data-testid=new-items] tbody td, [data-testid=new-items] tbody th"));
        Assert.Equal("Conduct Success Workshop", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));

        var applied = await admin.SubmitAsync(preview, "#apply-form", "/Catalogue/Import");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var after = await admin.GetPageAsync(applied.Headers.Location!.OriginalString);
        Assert.Equal("Import applied: 1 added, 1 changed, 1 retired, 0 restored, 4 new phases, processes, sections or services.",
            after.QuerySelector(".alert-success[role=status]")!.TextContent.Trim());

        Assert.Equal("Run the Success Workshop", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));
        Assert.True(app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 3979).Retired));
        Assert.Equal("Plan Remediation", app.Scoped(db => db.CatalogueTasks.Include(t => t.Section).Single(t => t.FtopId == 5000).Section.NameEn));
        // The import's row, three tasks' rows, and Success moved after the new Remediate phase (its playbook place).
        Assert.Equal(5, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType != "SignIn")));
    }

    [Fact]
    public async Task Export_then_import_shows_no_changes()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var page = await (await UploadAsync(admin, await ExportAsync(admin), retireMissing: true)).HtmlAsync();

        Assert.Empty(page.QuerySelectorAll("[data-testid=problems]"));
        Assert.NotNull(page.QuerySelector("[data-testid=no-changes]"));
        Assert.Equal("0 added, 0 changed, 0 retired, 0 restored, 20 unchanged.", page.QuerySelector("[data-testid=preview-summary]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Equal(0, app.Scoped(db => db.AuditEntries.Count(a => a.EntityType != "SignIn")));
    }

    [Fact]
    public async Task A_stale_preview_is_refused_and_the_new_preview_shown()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var file = Encoding.UTF8.GetBytes(Text(await ExportAsync(admin)).Replace(",Conduct Success Workshop,", ",Run the Success Workshop,"));
        var preview = await (await UploadAsync(admin, file)).HtmlAsync();
        var oldFingerprint = preview.QuerySelector<IHtmlInputElement>("#apply-form input[name='Data.Fingerprint']")!.Value;

        // Another admin's import lands first.
        var other = await app.AdminAsync();
        var otherPreview = await (await UploadAsync(other, Encoding.UTF8.GetBytes(Text(await ExportAsync(other)).Replace(",QuickLeads,QuickLeads,", ",Quick Leads,QuickLeads,")))).HtmlAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync(otherPreview, "#apply-form", "/Catalogue/Import")).StatusCode);

        var refused = await admin.SubmitAsync(preview, "#apply-form", "/Catalogue/Import");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.HtmlAsync();
        Assert.Contains("The catalogue changed since your preview; review the new preview", page.QuerySelector("[data-testid=form-errors]")!.TextContent);
        Assert.Equal("Conduct Success Workshop", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));
        // The new preview: the file would now also undo the other admin's change to 983.
        Assert.NotNull(page.QuerySelector("#changed tbody[data-id='983']"));
        Assert.NotEqual(oldFingerprint, page.QuerySelector<IHtmlInputElement>("#apply-form input[name='Data.Fingerprint']")!.Value);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, "#apply-form", "/Catalogue/Import")).StatusCode);
        Assert.Equal("Run the Success Workshop", app.Scoped(db => db.CatalogueTasks.Single(t => t.FtopId == 2536).NameEn));
    }

    [Fact]
    public async Task Without_a_file_the_admin_is_asked_for_one()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var page = await admin.GetPageAsync("/Catalogue/Import");
        var form = (IHtmlFormElement)page.QuerySelector("#upload-form")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await admin.PostAsync(form.GetAttribute("action"), new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a catalogue file (.csv) to upload.", (await response.HtmlAsync()).QuerySelector("[data-valmsg-for=Upload]")!.TextContent);
    }

    [Fact]
    public async Task A_FastTrack_manager_may_not_import()
    {
        using var app = new AppFactory();
        var manager = await app.SignedInAsync(Roles.FastTrackManager);
        var response = await manager.GetAsync("/Catalogue/Import");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        // Posting straight to apply (with a valid token from a page the manager may see) is refused too.
        var token = (await manager.GetPageAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var post = await manager.PostAsync("/Catalogue/Import?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Data.FileBase64"] = Convert.ToBase64String(await ExportAsync(manager)), ["Data.Fingerprint"] = "x",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
    }

    [Fact]
    public async Task The_page_speaks_Japanese_and_so_do_the_problems()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        var page = await admin.GetPageAsync("/Catalogue/Import");
        Assert.Equal("カタログのインポート", page.QuerySelector("h1")!.TextContent.Trim());

        var text = Text(await ExportAsync(admin)).Replace("994,Initiate,Conduct Customer Kickoff,Schedule and Conduct Kickoff Meeting,M,", "994,Initiate,Conduct Customer Kickoff,Schedule and Conduct Kickoff Meeting,X,");
        var problems = await (await UploadAsync(admin, Encoding.UTF8.GetBytes(text))).HtmlAsync();
        Assert.Equal("必須欄は M または O にしてください (\"X\" は使えません)。", problems.QuerySelector("[data-testid=problems] tbody td")!.TextContent.Trim());
    }
}
