using System.Net;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Web.Tests.Pages.Engagements;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Pages;

/// <summary>What a browser can send that the old forms answered with a 500 or saved without a word: refused, on the field, nothing saved.</summary>
public class BadInputTests
{
    private static string FieldMessage(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_organisation_name_is_refused_on_the_field_when_creating_and_renaming(string name)
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var created = await admin.PostFormAsync("/Admin/Organisations", new() { ["Data.Name"] = name });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("Enter the organisation's name.", FieldMessage(await created.HtmlAsync(), "Data.Name"));
        Assert.Equal(0, app.Scoped(db => db.PartnerOrganisations.Count()));

        var id = await app.OrganisationAsync("Fabrikam");
        var renamed = await admin.PostFormAsync($"/Admin/Organisations/{id}", new() { ["Data.Name"] = name });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Enter the organisation's name.", FieldMessage(await renamed.HtmlAsync(), "Data.Name"));
        Assert.Equal("Fabrikam", app.Scoped(db => db.PartnerOrganisations.Single().Name));
    }

    [Fact]
    public async Task An_organisation_name_is_saved_trimmed()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var created = await admin.PostFormAsync("/Admin/Organisations", new() { ["Data.Name"] = "  Fabrikam  " });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("Fabrikam", app.Scoped(db => db.PartnerOrganisations.Single().Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_english_name_of_a_section_or_process_is_refused_on_the_field(string name)
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var (section, sectionName, process, processName) = app.Scoped(db =>
        {
            var s = db.Sections.OrderBy(x => x.Id).First();
            var p = db.Processes.OrderBy(x => x.Id).First();
            return (s.Id, s.NameEn, p.Id, p.NameEn);
        });
        var s = await admin.PostFormAsync($"/Catalogue/Sections/{section}/Edit", new() { ["Data.NameEn"] = name });
        Assert.Equal(HttpStatusCode.OK, s.StatusCode);
        Assert.NotEqual("", FieldMessage(await s.HtmlAsync(), "Data.NameEn"));
        var p = await admin.PostFormAsync($"/Catalogue/Processes/{process}/Edit", new() { ["Data.NameEn"] = name });
        Assert.Equal(HttpStatusCode.OK, p.StatusCode);
        Assert.NotEqual("", FieldMessage(await p.HtmlAsync(), "Data.NameEn"));
        Assert.Equal(sectionName, app.Scoped(db => db.Sections.Single(x => x.Id == section).NameEn));
        Assert.Equal(processName, app.Scoped(db => db.Processes.Single(x => x.Id == process).NameEn));
    }

    [Fact]
    public async Task A_workload_status_left_at_the_empty_choice_is_refused_on_the_field()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), ServiceNames.Teams);
        var posted = await fm.PostFormAsync($"/Engagements/{id}/Workloads", new() { ["Data.Service"] = ServiceNames.Teams, ["Data.Code"] = "" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("Choose a workload status from FTOP's list.", FieldMessage(await posted.HtmlAsync(), "Data.Code"));
        Assert.Null(app.Scoped(db => db.EngagementServices.Single(s => s.EngagementId == id).WorkloadL1));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("10.5")]
    [InlineData("99999999999999")]
    public async Task Seats_that_are_not_a_whole_number_are_refused_on_the_field_and_no_customer_is_created(string seats)
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var form = await fm.GetPageAsync("/Customers/New");
        var teams = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Single(i => i.Value == ServiceNames.Teams && i.Name!.StartsWith("Data.Seats", StringComparison.Ordinal)).Name!.Replace(".Service", ".Seats");
        var posted = await fm.PostFormAsync("/Customers/New", new()
        {
            ["Data.Name"] = "Contoso", ["Data.TenantDomain"] = "contoso.onmicrosoft.com", [teams] = seats,
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.HtmlAsync();
        Assert.Equal("Enter a whole number.", FieldMessage(page, teams));
        Assert.Equal(seats, (page.QuerySelector($"input[name='{teams}']") as IHtmlInputElement)?.Value);
        Assert.Equal(0, app.Scoped(db => db.Customers.Count()));
    }

    [Fact]
    public async Task Seats_that_are_not_a_whole_number_are_refused_when_editing_and_the_seats_stay()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false, teamsSeats: 500);
        var form = await fm.GetPageAsync($"/Customers/{customer}/Edit");
        var teams = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Single(i => i.Value == ServiceNames.Teams && i.Name!.StartsWith("Data.Seats", StringComparison.Ordinal)).Name!.Replace(".Service", ".Seats");
        var posted = await fm.PostFormAsync($"/Customers/{customer}/Edit", new() { [teams] = "abc" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("Enter a whole number.", FieldMessage(await posted.HtmlAsync(), teams));
        Assert.Equal(500, app.Scoped(db => db.Customers.Include(c => c.Seats).Single().Seats.Single(s => s.Service == ServiceNames.Teams).Seats));
    }

    [Theory]
    [InlineData("Bogus")]
    [InlineData("")]
    [InlineData("42")]
    public async Task A_task_status_that_is_not_one_is_refused_and_the_task_is_unchanged(string status)
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await EngagementJourneyTests.CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await EngagementJourneyTests.CreateEngagementAsync(fm, customer, "CustomerHealth", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await EngagementJourneyTests.SetTaskAsync(fm, id, 994, "InProgress")).StatusCode);

        var posted = await EngagementJourneyTests.SetTaskAsync(fm, id, 994, status);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = await posted.HtmlAsync();
        var errors = page.QuerySelector("[data-testid='task'][data-ftop='994'] [data-testid='form-errors']");
        Assert.NotNull(errors);
        Assert.Contains(status == "" ? "Choose a status." : "Choose one of the values offered.", errors!.TextContent);
        Assert.Equal(EngagementTaskStatus.InProgress, app.Scoped(db => db.EngagementTasks.Single(t => t.EngagementId == id && t.FtopId == 994).Status));
    }
}
