using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>A FastTrack manager runs a whole engagement through the real pages, form post by form post.</summary>
public class EngagementJourneyTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private static string FieldMessage(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    private static string Errors(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll("[data-testid='form-errors']").Select(e => e.TextContent.Trim()));

    private static int IdFrom(HttpResponseMessage response, string prefix)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        return int.Parse(location[prefix.Length..].Split('/', '?', '#')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task<int> CreateCustomerAsync(HttpClient fm, string name, bool csm, int teamsSeats = 1000, params string[] alsoLicensed)
    {
        var form = await fm.GetPageAsync("/Customers/New");
        var others = alsoLicensed.Select(service => form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Single(i => i.Value == service && i.Name!.StartsWith("Data.Seats", StringComparison.Ordinal)).Name!.Replace(".Service", ".Seats"));
        var teams = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().Single(i => i.Value == ServiceNames.Teams && i.Name!.StartsWith("Data.Seats", StringComparison.Ordinal));
        var seatsField = teams.Name!.Replace(".Service", ".Seats");
        var created = await fm.PostFormAsync("/Customers/New", new Dictionary<string, string>
        {
            ["Data.Name"] = name, ["Data.TenantDomain"] = name.ToLowerInvariant() + ".onmicrosoft.com", ["Data.Industry"] = "Retail",
            ["Data.CsmName"] = csm ? "Casey CSM" : "", ["Data.CsmEmail"] = csm ? "casey@example.com" : "", [seatsField] = teamsSeats.ToString(),
        }.Concat(others.Select(o => new KeyValuePair<string, string>(o, "1000"))).ToDictionary());
        return IdFrom(created, "/Customers/");
    }

    internal static Task<int> CreateEngagementAsync(HttpClient fm, int customerId, string motion, DateOnly assigned, params string[] services) =>
        CreateEngagementForAsync(fm, "", customerId, motion, assigned, services);

    /// <summary>An engagement of <paramref name="partner"/>'s organisation, created through the new-engagement form.</summary>
    internal static async Task<int> CreateEngagementForAsync(HttpClient fm, string partner, int customerId, string motion, DateOnly assigned, params string[] services)
    {
        var created = await fm.PostFormValuesAsync("/Engagements/New",
            [F("Data.CustomerId", customerId.ToString()), F("Data.Motion", motion), F("Data.AssignedOn", Iso(assigned)), F("Data.PartnerName", partner),
             .. services.Select(s => F("Data.Services", s))], pageUrl: $"/Engagements/New?customerId={customerId}");
        return IdFrom(created, "/Engagements/");
    }

    internal static async Task<HttpResponseMessage> SetTaskAsync(HttpClient fm, int id, int ftop, string status, string reason = "", string note = "")
    {
        // The row's Update link opens the task's form in place (?edit), the only task form on the page.
        var page = await fm.GetPageAsync($"/Engagements/{id}");
        var edit = page.QuerySelector($"[data-testid='task'][data-ftop='{ftop}'] a[data-task-edit]")!.GetAttribute("href")!;
        var taskId = page.QuerySelector($"[data-testid='task'][data-ftop='{ftop}']")!.Id!["task-".Length..];
        return await fm.PostFormAsync($"/Engagements/{id}?handler=Task", new() { ["Data.Status"] = status, ["Data.Reason"] = reason, ["Data.Note"] = note },
            pageUrl: $"/Engagements/{id}" + edit.Split('#')[0], formSelector: $"form[data-task-form='{taskId}']");
    }

    internal static Task<HttpResponseMessage> MoveAsync(HttpClient fm, int id, string? reason = null) =>
        reason is null
            ? fm.PostFormAsync($"/Engagements/{id}?handler=Move", new(), pageUrl: $"/Engagements/{id}", formSelector: "#move-form")
            : fm.PostFormAsync($"/Engagements/{id}?handler=Move", new() { ["Data.OverrideReason"] = reason }, pageUrl: $"/Engagements/{id}", formSelector: "#override-form");

    [Fact]
    public async Task An_fm_runs_an_engagement_from_creation_to_a_closed_success_review_and_every_refusal_is_explained()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);

        // Customer: validation by the field, then created.
        var invalid = await fm.PostFormAsync("/Customers/New", new() { ["Data.Name"] = "", ["Data.TenantDomain"] = "not a domain" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidPage = await invalid.HtmlAsync();
        Assert.Equal("Enter the customer's name.", FieldMessage(invalidPage, "Data.Name"));
        Assert.Equal("The tenant domain is a domain name, e.g. contoso.onmicrosoft.com.", FieldMessage(invalidPage, "Data.TenantDomain"));
        var customerId = await CreateCustomerAsync(fm, "Contoso", csm: true);

        // Engagement: validation by the field, then created in Initiate with its checklist.
        var noServices = await fm.PostFormValuesAsync("/Engagements/New", [F("Data.CustomerId", customerId.ToString()), F("Data.AssignedOn", Iso(Today.AddDays(-10)))]);
        Assert.Equal("Choose at least one service in scope.", FieldMessage(await noServices.HtmlAsync(), "Data.Services"));
        var badDates = await fm.PostFormValuesAsync("/Engagements/New", [F("Data.CustomerId", customerId.ToString()), F("Data.Services", ServiceNames.Teams),
            F("Data.AssignedOn", Iso(Today)), F("Data.StartOn", Iso(Today.AddDays(-1)))]);
        Assert.Equal("The start date cannot be before the assigned date.", FieldMessage(await badDates.HtmlAsync(), "Data.StartOn"));
        var id = await CreateEngagementAsync(fm, customerId, "Targeting", Today.AddDays(-10), ServiceNames.Teams);
        var overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal(["3616", "3979", "983", "994"], overview.QuerySelectorAll("[data-testid='task']").Select(t => t.GetAttribute("data-ftop")!));

        // The phase gate refuses, listing each blocking task; nothing changes.
        var refused = await MoveAsync(fm, id);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("2 mandatory tasks block the move to Assess: 994 Conduct Initiate/Kickoff Meeting(s), 3616 Complete Initial customer outreach", Errors(await refused.HtmlAsync()));

        // Task work: a reason is required for Not applicable; completing works.
        var noReason = await SetTaskAsync(fm, id, 3616, "NotApplicable");
        Assert.Contains("Give the reason: it is required when a task is Not applicable or Blocked.", Errors(await noReason.HtmlAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 3616, "Completed", note: "Called the CIO")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 994, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 2536, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id)).StatusCode);

        // Success: the CSM handshake applies to Teams and replaces two steps.
        overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.NotNull(overview.QuerySelector("[data-ftop='3731']"));
        Assert.Equal(2, overview.QuerySelectorAll("[data-testid='step-na']").Length);

        // Success Review entry refuses with the gap per service.
        var short10 = await MoveAsync(fm, id);
        Assert.Contains("Teams 0/1000 (100 users short of 10%)", Errors(await short10.HtmlAsync()));

        // Usage: above seats refused by the field, then recorded.
        var tooMany = await fm.PostFormAsync($"/Engagements/{id}/Usage", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today), ["Data.ActiveUsers"] = "1001" });
        Assert.Equal("Active users cannot exceed the customer's 1000 seats.", FieldMessage(await tooMany.HtmlAsync(), "Data.ActiveUsers"));
        var early = await fm.PostFormAsync($"/Engagements/{id}/Usage", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today.AddDays(-30)), ["Data.ActiveUsers"] = "5" });
        Assert.StartsWith("The date cannot be before the engagement was assigned", FieldMessage(await early.HtmlAsync(), "Data.On"));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Usage", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today.AddDays(-3)), ["Data.ActiveUsers"] = "60" })).StatusCode);
        var partway = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("No (100 users needed)", partway.QuerySelector("[data-testid='usage-table'] tr[data-service='Teams'] [data-testid='enablement']")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Usage", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.On"] = Iso(Today), ["Data.ActiveUsers"] = "120" })).StatusCode);

        // Workload status: Blocked needs a note.
        var blocked = await fm.PostFormAsync($"/Engagements/{id}/Workloads", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "Blocked|Legal/Regulatory|Legal" });
        Assert.Equal("Blocked needs a note saying what blocks the workload.", FieldMessage(await blocked.HtmlAsync(), "Data.Note"));
        var inProgress = await fm.PostFormAsync($"/Engagements/{id}/Workloads", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "In Progress|Solution or User Adoption|" });
        Assert.Equal("In Progress needs a target date.", FieldMessage(await inProgress.HtmlAsync(), "Data.TargetOn"));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Workloads", new()
        {
            ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "In Progress|Solution or User Adoption|", ["Data.TargetOn"] = Iso(Today.AddDays(30)),
        })).StatusCode);

        // DIBS and SSAT, a note.
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}/Dibs", new()
        {
            ["Data.DibsIntent"] = "Teams for all frontline staff", ["Data.DibsBusinessReason"] = "Collaboration and teamwork", ["Data.StakeholdersStatus"] = "InPlace",
        }, pageUrl: $"/Engagements/{id}/Dibs?service=Teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}?handler=Note", new() { ["Data.Text"] = "Champions programme launched" },
            pageUrl: $"/Engagements/{id}", formSelector: "#note-form")).StatusCode);

        overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Goal met", overview.QuerySelector("[data-testid='usage-table'] tr[data-service='Teams'] [data-testid='gap']")!.TextContent.Trim());
        Assert.Equal("Yes", overview.QuerySelector("[data-testid='usage-table'] tr[data-service='Teams'] [data-testid='enablement']")!.TextContent.Trim());
        Assert.NotNull(overview.QuerySelector("[data-testid='au-chart'] polyline[data-service='Teams']"));
        Assert.NotNull(overview.QuerySelector("[data-testid='goal-line']"));
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id)).StatusCode);

        // Success review: the outcome is required; completing closes the engagement.
        var noOutcome = await fm.PostFormAsync($"/Engagements/{id}?handler=Review", new(), pageUrl: $"/Engagements/{id}", formSelector: "#review-form");
        Assert.Contains("Choose the outcome of the success review.", Errors(await noOutcome.HtmlAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormAsync($"/Engagements/{id}?handler=Review", new() { ["Data.Outcome"] = "HandToCsm", ["Data.Note"] = "CSM takes over" },
            pageUrl: $"/Engagements/{id}", formSelector: "#review-form")).StatusCode);

        overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Completed", overview.QuerySelector("[data-testid='state']")!.TextContent.Trim());
        Assert.Equal("Hand ongoing adoption to the CSM", overview.QuerySelector("[data-testid='outcome']")!.TextContent.Trim());
        Assert.Null(overview.QuerySelector("#move-form"));
        var timeline = overview.QuerySelector("[data-testid='timeline']")!.TextContent;
        foreach (var action in new[] { "Engagement created", "Task status changed", "Phase moved", "Usage recorded", "Workload status set", "Service plan saved", "Note added", "Success review completed" })
            Assert.Contains(action, timeline);
        Assert.Equal(EngagementState.Completed, app.Scoped(db => db.Engagements.Single(e => e.Id == id).State));
    }

    [Fact]
    public async Task An_override_is_shown_a_stale_form_is_told_and_expanding_scope_starts_a_new_cycle()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Northwind", csm: false, 1000, ServiceNames.SharePoint), "RFA", Today.AddDays(-14), ServiceNames.Teams);
        Assert.NotNull((await fm.GetPageAsync($"/Engagements/{id}")).QuerySelector("[data-testid='rfa-overdue']"));

        // A form opened before someone else's change is refused with a message; nothing is lost.
        var taskId = (await fm.GetPageAsync($"/Engagements/{id}")).QuerySelector("[data-ftop='994']")!.Id!["task-".Length..];
        var stalePage = await fm.GetPageAsync($"/Engagements/{id}?edit={taskId}");
        var staleForm = stalePage.QuerySelector($"form[data-task-form='{taskId}']")!;
        var token = staleForm.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 994, "Completed", note: "first")).StatusCode);
        var stale = await fm.PostAsync($"/Engagements/{id}?handler=Task", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Data.TaskId"] = taskId, ["Data.Version"] = "0", ["Data.Status"] = "Blocked", ["Data.Reason"] = "second",
        }));
        Assert.Contains("Someone else changed this task after you opened it.", Errors(await stale.HtmlAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id, "Kickoff held; outreach logged next week")).StatusCode);
        var overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Contains("Kickoff held; outreach logged next week", overview.QuerySelector("[data-testid='overrides']")!.TextContent);
        Assert.Contains("3616", overview.QuerySelector("[data-testid='overrides']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id, "skip")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id, "customer asked for the review")).StatusCode);

        var noServices = await fm.PostFormAsync($"/Engagements/{id}?handler=Review", new() { ["Data.Outcome"] = "EnableAdditionalWorkloads" },
            pageUrl: $"/Engagements/{id}", formSelector: "#review-form");
        Assert.Contains("Choose the services to enable in the new cycle.", Errors(await noServices.HtmlAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await fm.PostFormValuesAsync($"/Engagements/{id}?handler=Review",
            [F("Data.Outcome", "EnableAdditionalWorkloads"), F("Data.AddedServices", ServiceNames.SharePoint)], pageUrl: $"/Engagements/{id}", formSelector: "#review-form")).StatusCode);
        overview = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Active", overview.QuerySelector("[data-testid='state']")!.TextContent.Trim());
        Assert.Contains("1904", overview.QuerySelectorAll("[data-testid='task']").Select(t => t.GetAttribute("data-ftop")));
        Assert.Equal(2, app.Scoped(db => db.Engagements.Single(e => e.Id == id).Cycle));
    }

    [Fact]
    public async Task The_portfolio_and_the_list_show_the_fm_what_needs_them()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        await app.OrganisationAsync(AppFactory.DefaultPartnerOrganisation);
        var id = await CreateEngagementForAsync(fm, AppFactory.DefaultPartnerOrganisation, await CreateCustomerAsync(fm, "Tailspin", csm: false), "RFA", Today.AddDays(-14), ServiceNames.Teams);
        await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Litware", csm: false), "Targeting", Today, ServiceNames.Teams);

        var home = await fm.GetPageAsync("/");
        Assert.Equal("2", home.QuerySelector("[data-phase='Initiate']")!.TextContent.Trim());
        Assert.Equal("1", home.QuerySelector("[data-testid='overdue'] [data-testid='count']")!.TextContent.Trim());
        Assert.Equal("2", home.QuerySelector("[data-testid='below-goal'] [data-testid='count']")!.TextContent.Trim());

        var list = await fm.GetPageAsync("/Engagements?Motion=Rfa&Search=tail");
        Assert.Single(list.QuerySelectorAll("[data-testid='engagement-row']"));
        Assert.Contains($"/Engagements/{id}", list.QuerySelector("[data-testid='engagement-row'] a")!.GetAttribute("href"));

        var partner = await app.SignedInAsync(Roles.Partner);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/Engagements/{id}")).StatusCode);
        Assert.Null((await partner.GetPageAsync($"/Engagements/{id}")).QuerySelector("#move-form"));
        Assert.NotEqual(HttpStatusCode.OK, (await partner.GetAsync("/Engagements/New")).StatusCode);
    }
}
