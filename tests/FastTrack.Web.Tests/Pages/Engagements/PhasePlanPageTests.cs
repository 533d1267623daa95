using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>An engagement takes the phases it needs, through the real pages: chosen at creation, changed with a reason, shown as a path.</summary>
public class PhasePlanPageTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private static string Path(IHtmlDocument page, string scope = "") =>
        string.Join(" ▸ ", page.QuerySelectorAll($"{scope} [data-testid='phase-path'] li").Select(li => li.QuerySelector("strong")?.TextContent ?? li.TextContent.Replace("▸", "").Trim()));

    private static string Current(IHtmlDocument page, string scope = "") =>
        page.QuerySelector($"{scope} [data-testid='phase-path'] li[aria-current='step']")?.TextContent.Trim() ?? "";

    private static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll("[data-testid='form-errors']").Select(e => e.TextContent.Trim()));

    [Fact]
    public async Task The_fm_chooses_the_phases_at_creation_changes_them_with_a_reason_and_the_path_shows_everywhere()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        await PlaybookPhases.EnsureAsync(app, admin);
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        int PhaseId(string name) => app.Scoped(db => db.Phases.Single(p => p.NameEn == name).Id);
        var customer = await CreateCustomerAsync(fm, "Northwind", csm: false);

        // The form offers the optional phases, Remediate off and Migrate off for Teams alone (the playbook's default).
        var form = await fm.GetPageAsync($"/Engagements/New?customerId={customer}");
        var boxes = form.QuerySelectorAll("[data-testid='plan-phases'] input[type=checkbox]").OfType<IHtmlInputElement>().ToList();
        Assert.Equal(["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"], boxes.Select(b => form.QuerySelector($"label[for='{b.Id}']")!.TextContent));
        Assert.Equal([true, true, false, true, false, true], boxes.Select(b => b.IsChecked));
        Assert.Equal([true, true, false, false, false, true], boxes.Select(b => b.IsDisabled));

        // Created with the FM's plan: RFA, assigned ten days ago (so it is on the portfolio's overdue list).
        var created = await fm.PostFormValuesAsync("/Engagements/New",
            [F("Data.CustomerId", customer.ToString()), F("Data.Motion", "Rfa"), F("Data.AssignedOn", Today.AddDays(-10).ToString("yyyy-MM-dd")),
             F("Data.Services", ServiceNames.Teams), .. new[] { "Initiate", "Assess", "Enable", "Success" }.Select(p => F("Data.Phases", PhaseId(p).ToString()))],
            pageUrl: $"/Engagements/New?customerId={customer}");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[2].Split('?', '#')[0]);
        var page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(page, "[data-testid='plan']"));
        Assert.StartsWith("Initiate", Current(page, "[data-testid='plan']"));

        // The list and the portfolio show the same path, the current phase marked for screen readers too.
        var list = await fm.GetPageAsync("/Engagements");
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(list, "[data-testid='engagement-row']"));
        Assert.Equal("Initiate (current phase)", Current(list, "[data-testid='engagement-row']"));
        var portfolio = await fm.GetPageAsync("/");
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(portfolio, "[data-testid='overdue']"));

        // A change needs a reason; a plan without Success is refused by the rule; nothing changes either time.
        string[] withRemediate = ["Initiate", "Assess", "Remediate", "Enable", "Success"];
        var noReason = await fm.PostFormValuesAsync($"/Engagements/{id}?handler=Plan", [.. withRemediate.Select(p => F("Data.Phases", PhaseId(p).ToString()))],
            pageUrl: $"/Engagements/{id}", formSelector: "#plan-form");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Say why the plan changes (recorded in the timeline).", Errors(await noReason.HtmlAsync()));
        var noSuccess = await fm.PostFormValuesAsync($"/Engagements/{id}?handler=Plan",
            [F("Data.Reason", "No review"), .. new[] { "Initiate", "Assess", "Enable" }.Select(p => F("Data.Phases", PhaseId(p).ToString()))],
            pageUrl: $"/Engagements/{id}", formSelector: "#plan-form");
        Assert.Contains("Success is part of every engagement: Initiate, Assess and Success always apply.", Errors(await noSuccess.HtmlAsync()));
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(await fm.GetPageAsync($"/Engagements/{id}"), "[data-testid='plan']"));

        // The change with its reason: the path follows, the timeline says who and why.
        var stale = await fm.GetPageAsync($"/Engagements/{id}");
        var changed = await fm.PostFormValuesAsync($"/Engagements/{id}?handler=Plan",
            [F("Data.Reason", "The technical assessment found gaps"), .. withRemediate.Select(p => F("Data.Phases", PhaseId(p).ToString()))],
            pageUrl: $"/Engagements/{id}", formSelector: "#plan-form");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Initiate ▸ Assess ▸ Remediate ▸ Enable ▸ Success", Path(page, "[data-testid='plan']"));
        var entry = page.QuerySelectorAll("[data-testid='timeline'] li").First(li => li.TextContent.Contains("Phase plan changed"));
        Assert.Contains("Phases: Initiate ▸ Assess ▸ Enable ▸ Success → Initiate ▸ Assess ▸ Remediate ▸ Enable ▸ Success", entry.TextContent);
        Assert.Contains("Reason: — → The technical assessment found gaps", entry.TextContent);
        Assert.Contains("fastTrackManager-", entry.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Initiate ▸ Assess ▸ Remediate ▸ Enable ▸ Success", Path(await fm.GetPageAsync("/Engagements"), "[data-testid='engagement-row']"));

        // Sending the same plan again (a second click) is a no-op; another change from the page seen before is a conflict.
        var again = await fm.SubmitFormAsync(stale, $"/Engagements/{id}?handler=Plan",
            [F("Data.Reason", "The technical assessment found gaps"), .. withRemediate.Select(p => F("Data.Phases", PhaseId(p).ToString()))], "#plan-form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var conflict = await fm.SubmitFormAsync(stale, $"/Engagements/{id}?handler=Plan",
            [F("Data.Reason", "Migration after all"), .. new[] { "Initiate", "Assess", "Enable", "Migrate", "Success" }.Select(p => F("Data.Phases", PhaseId(p).ToString()))], "#plan-form");
        Assert.Contains("Someone else changed this engagement after you opened it.", Errors(await conflict.HtmlAsync()));
        Assert.Equal(1, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "PhasePlanChanged")));
    }
}
