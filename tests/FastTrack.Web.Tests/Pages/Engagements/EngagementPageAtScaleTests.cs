using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using Xunit.Abstractions;
using static FastTrack.Web.Tests.Pages.Engagements.EngagementJourneyTests;

namespace FastTrack.Web.Tests.Pages.Engagements;

/// <summary>
/// The engagement page at scale (issue 21 item 8): the current phase open and the others folded to their counts, a
/// compact row per task with one edit form opened in place (?edit), the "my open tasks" filter (?mine=1), and the size
/// of the page with the whole playbook.
/// </summary>
public class EngagementPageAtScaleTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// The page's bytes on main before this change (5464eca: a form per task), measured by
    /// <see cref="The_page_with_the_whole_playbook_is_a_fraction_of_its_former_size"/> on that commit.
    /// </summary>
    private const int BytesBefore = 395_289;

    private static string TaskIdOf(IHtmlDocument page, int ftop) =>
        page.QuerySelector($"[data-testid='task'][data-ftop='{ftop}']")!.Id!["task-".Length..];

    [Fact]
    public async Task The_page_with_the_whole_playbook_is_a_fraction_of_its_former_size()
    {
        // A new installation holds the whole playbook (221 tasks); the engagement walks its plan, 119 tasks of six services.
        using var database = new AppDatabase(catalogue: null);
        using var app = new AppFactory(sharedDatabase: database);
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        string[] services = [ServiceNames.Teams, ServiceNames.Exchange, ServiceNames.SharePoint, ServiceNames.OneDrive, "Core Onboarding", "Skype for Business"];
        var licensed = services.Skip(1).Where(s => ServiceNames.Seed.Contains(s)).ToArray();
        var customer = await CreateCustomerAsync(fm, "Contoso", csm: false, 1000, licensed);
        var id = await CreateEngagementAsync(fm, customer, "Targeting", Today.AddDays(-3), [ServiceNames.Teams, .. licensed]);
        // Through every phase of the plan (each move adds the next phase's tasks), up to the success review.
        for (var i = 0; i < 20 && !app.Scoped(db => db.Engagements.Where(e => e.Id == id).Select(e => e.CurrentProcess.NameEn).Single() == PlaybookNames.ConductSuccessReview); i++)
            Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id, "the test walks the whole plan")).StatusCode);
        var tasks = app.Scoped(db => db.EngagementTasks.Count(t => t.EngagementId == id));

        var response = await fm.GetAsync($"/Engagements/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var bytes = Encoding.UTF8.GetByteCount(html);
        output.WriteLine($"engagement page with {tasks} tasks: {bytes:N0} bytes now, {BytesBefore:N0} bytes before ({100.0 * bytes / BytesBefore:F0} %)");
        Assert.True(tasks > 100, $"only {tasks} tasks");
        Assert.True(bytes < 0.4 * BytesBefore, $"{bytes:N0} bytes is not under 40 % of {BytesBefore:N0}");
    }

    [Fact]
    public async Task Only_the_current_phase_is_open_and_each_folded_phase_shows_done_of_applicable_and_mandatory_open()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var customer = await CreateCustomerAsync(fm, "Contoso", csm: false);
        var id = await CreateEngagementAsync(fm, customer, "CustomerHealth", Today.AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 994, "Completed")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 3979, "NotApplicable", reason: "no handover")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(fm, id, "Kickoff held by phone")).StatusCode);

        var page = await fm.GetPageAsync($"/Engagements/{id}");
        var phases = page.QuerySelectorAll("[data-testid='checklist-phase']").ToList();
        Assert.Equal(["Initiate", "Assess"], phases.Select(p => p.GetAttribute("data-phase")));
        Assert.False(phases[0].HasAttribute("open"));
        Assert.True(phases[1].HasAttribute("open"));
        var initiate = app.Scoped(db => db.EngagementTasks.Where(t => t.EngagementId == id).Count(t => t.PhaseId == db.Phases.Single(p => p.NameEn == "Initiate").Id));
        var mandatoryOpen = app.Scoped(db => db.EngagementTasks.Count(t => t.EngagementId == id && t.Mandatory
            && t.PhaseId == db.Phases.Single(p => p.NameEn == "Initiate").Id && t.Status != EngagementTaskStatus.Completed && t.Status != EngagementTaskStatus.NotApplicable));
        Assert.True(mandatoryOpen > 0);
        Assert.Equal($"1 of {initiate - 1} done", phases[0].QuerySelector("[data-testid='phase-count']")!.TextContent.Trim());
        Assert.Equal($"{mandatoryOpen} mandatory open", phases[0].QuerySelector("[data-testid='phase-mandatory-open']")!.TextContent.Trim());

        // A link to a task of a folded phase, with its form opened, opens that phase.
        var kickoff = TaskIdOf(page, 994);
        var editing = await fm.GetPageAsync($"/Engagements/{id}?edit={kickoff}");
        var folded = editing.QuerySelectorAll("[data-testid='checklist-phase']").ToList();
        Assert.True(folded[0].HasAttribute("open"));
        Assert.NotNull(folded[0].QuerySelector($"form[data-task-form='{kickoff}']"));
    }

    [Fact]
    public async Task The_page_has_no_task_form_until_a_rows_update_link_opens_that_one_task_form()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting", Today.AddDays(-3), ServiceNames.Teams);

        var page = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Empty(page.QuerySelectorAll("form[data-task-form]"));
        Assert.Empty(page.QuerySelectorAll("select[name='Data.Status']"));
        var rows = page.QuerySelectorAll("[data-testid='task']").ToList();
        Assert.Equal(4, rows.Count);
        var kickoff = TaskIdOf(page, 994);
        var row = page.QuerySelector($"#task-{kickoff}")!;
        Assert.Equal($"?edit={kickoff}#task-{kickoff}", row.QuerySelector("a[data-task-edit]")!.GetAttribute("href")); // relative to /Engagements/{id}
        Assert.Equal("M", row.QuerySelector(".badge-m")!.FirstChild!.TextContent);
        Assert.Equal("FastTrack Manager", row.QuerySelector(".task-role")!.TextContent.Trim());
        Assert.Equal("Not started", row.QuerySelector("[data-testid='task-status']")!.TextContent.Trim());

        var editing = await fm.GetPageAsync($"/Engagements/{id}?edit={kickoff}");
        var form = Assert.Single(editing.QuerySelectorAll("form[data-task-form]"));
        Assert.Equal(kickoff, form.GetAttribute("data-task-form"));
        Assert.Same(editing.QuerySelector($"#task-{kickoff}"), form.Closest("[data-testid='task']"));
        Assert.Null(editing.QuerySelector($"#task-{kickoff} a[data-task-edit]")); // the open row offers Cancel instead
        Assert.NotNull(editing.QuerySelector($"#task-{kickoff} a[data-task-cancel]"));
        Assert.Equal(3, editing.QuerySelectorAll("a[data-task-edit]").Length);

        // Nothing to open: an id that is not a task here, or not a number, gives the page without a form.
        foreach (var bad in new[] { "abc", "999999", "-1" })
        {
            var response = await fm.GetAsync($"/Engagements/{id}?edit={bad}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty((await response.HtmlAsync()).QuerySelectorAll("form[data-task-form]"));
        }
    }

    [Fact]
    public async Task A_partner_reading_without_an_assignment_gets_no_update_link_and_no_form_even_with_edit_in_the_url()
    {
        await using var w = await Security.PageWorld.CreateAsync();
        var colleague = w.Personas["partnerA-not-assigned"];
        var page = await colleague.GetPageAsync($"/Engagements/{w.EngagementA}?edit={w.TaskA}");
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid='task']"));
        Assert.Empty(page.QuerySelectorAll("a[data-task-edit]"));
        Assert.Empty(page.QuerySelectorAll("form[data-task-form]"));
    }

    [Fact]
    public async Task A_save_from_the_opened_form_redirects_to_the_row_and_a_stale_version_is_told_in_that_row()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting", Today.AddDays(-3), ServiceNames.Teams);
        var kickoff = TaskIdOf(await fm.GetPageAsync($"/Engagements/{id}"), 994);
        var opened = await fm.GetPageAsync($"/Engagements/{id}?edit={kickoff}");

        var saved = await fm.SubmitFormAsync(opened, $"/Engagements/{id}?handler=Task",
            [new("Data.Status", "Completed"), new("Data.Note", "held on Monday")], $"form[data-task-form='{kickoff}']");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Engagements/{id}#task-{kickoff}", saved.Headers.Location!.OriginalString);
        var after = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("Completed", after.QuerySelector($"#task-{kickoff} [data-testid='task-status']")!.TextContent.Trim());
        Assert.Matches(@"Completed by .+ on .+ UTC · held on Monday", after.QuerySelector($"#task-{kickoff} .task-last")!.TextContent);
        Assert.Empty(after.QuerySelectorAll("form[data-task-form]"));

        // The same form again (opened before that save): told, in the row, with the form open; nothing changes.
        var stale = await fm.SubmitFormAsync(opened, $"/Engagements/{id}?handler=Task",
            [new("Data.Status", "Blocked"), new("Data.Reason", "second")], $"form[data-task-form='{kickoff}']");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var told = await stale.HtmlAsync();
        Assert.Contains("Someone else changed this task after you opened it.", told.QuerySelector($"#task-{kickoff} [data-testid='form-errors']")!.TextContent);
        Assert.NotNull(told.QuerySelector($"#task-{kickoff} form[data-task-form='{kickoff}']"));
        Assert.Equal(EngagementTaskStatus.Completed, app.Scoped(db => db.EngagementTasks.Single(t => t.Id == int.Parse(kickoff)).Status));

        // A refusal by the rules is told in the row too (a reason is required for Blocked).
        var reopened = await fm.GetPageAsync($"/Engagements/{id}?edit={kickoff}");
        var noReason = await fm.SubmitFormAsync(reopened, $"/Engagements/{id}?handler=Task", [new("Data.Status", "Blocked")], $"form[data-task-form='{kickoff}']");
        Assert.Contains("Give the reason", (await noReason.HtmlAsync()).QuerySelector($"#task-{kickoff} [data-testid='form-errors']")!.TextContent);
    }

    [Fact]
    public async Task My_open_tasks_lists_the_open_tasks_of_the_callers_role_with_their_count()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting", Today.AddDays(-3), ServiceNames.Teams);
        Assert.Equal(HttpStatusCode.Redirect, (await SetTaskAsync(fm, id, 994, "Completed")).StatusCode);
        var expected = app.Scoped(db => db.EngagementTasks.Where(t => t.EngagementId == id && t.Task.Role == CatalogueRoles.FastTrackManager
                && t.Status != EngagementTaskStatus.Completed && t.Status != EngagementTaskStatus.NotApplicable)
            .Select(t => t.FtopId.ToString()).ToList().Order().ToList());
        Assert.Equal(3, expected.Count);

        var all = await fm.GetPageAsync($"/Engagements/{id}");
        Assert.Equal("My open tasks (3)", all.QuerySelector("a[data-testid='mine-count']")!.TextContent.Trim());
        Assert.Equal($"/Engagements/{id}?mine=1#checklist", all.QuerySelector("a[data-testid='mine-count']")!.GetAttribute("href"));
        Assert.Equal(4, all.QuerySelectorAll("[data-testid='task']").Length);

        var mine = await fm.GetPageAsync($"/Engagements/{id}?mine=1");
        Assert.Equal("My open tasks (3)", mine.QuerySelector("[data-testid='mine-count']")!.TextContent.Trim());
        Assert.Equal("All tasks (4)", mine.QuerySelector("[data-testid='task-filter'] a")!.TextContent.Trim());
        Assert.Equal(expected, mine.QuerySelectorAll("[data-testid='task']").Select(t => t.GetAttribute("data-ftop")!).Order().ToList());
        Assert.Null(mine.QuerySelector("[data-ftop='994']"));

        // An edit from the filtered list comes back to it; the done task leaves it.
        var outreach = TaskIdOf(mine, 3616);
        var link = mine.QuerySelector($"#task-{outreach} a[data-task-edit]")!.GetAttribute("href")!;
        Assert.Equal($"?mine=1&edit={outreach}#task-{outreach}", link);
        var opened = await fm.GetPageAsync($"/Engagements/{id}" + link.Split('#')[0]);
        var saved = await fm.SubmitFormAsync(opened, $"/Engagements/{id}?handler=Task&mine=1", [new("Data.Status", "Completed")], $"form[data-task-form='{outreach}']");
        Assert.Equal($"/Engagements/{id}?mine=1#task-{outreach}", saved.Headers.Location!.OriginalString);
        mine = await fm.GetPageAsync($"/Engagements/{id}?mine=1");
        Assert.Equal("My open tasks (2)", mine.QuerySelector("[data-testid='mine-count']")!.TextContent.Trim());
        Assert.Equal(2, mine.QuerySelectorAll("[data-testid='task']").Length);
    }

    [Fact]
    public async Task A_partners_open_tasks_are_the_delivery_roles_not_the_managers()
    {
        await using var w = await Security.PageWorld.CreateAsync();
        var partner = w.Personas["partnerA-assigned"];
        var page = await partner.GetPageAsync($"/Engagements/{w.EngagementA}?mine=1");
        Assert.Equal("My open tasks (0)", page.QuerySelector("[data-testid='mine-count']")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("[data-testid='task']")); // the seed's tasks are all FastTrack Manager tasks
        Assert.NotNull(page.QuerySelector("[data-testid='mine-none']"));
        Assert.True(MyOpenTasks.IsOfSide("FastTrack Engineer", manages: false));
        Assert.False(MyOpenTasks.IsOfSide(CatalogueRoles.FastTrackManager, manages: false));
    }

    [Fact]
    public async Task The_step_bar_shows_the_current_step_with_its_neighbours_and_says_which_step_of_how_many()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var id = await CreateEngagementAsync(fm, await CreateCustomerAsync(fm, "Contoso", csm: false), "Targeting", Today.AddDays(-3), ServiceNames.Teams);
        var page = await fm.GetPageAsync($"/Engagements/{id}");
        var steps = page.QuerySelectorAll("[data-testid='stepper'] li").ToList();
        Assert.True(steps.Count > 3);
        Assert.Equal($"Step 1 of {steps.Count}", page.QuerySelector("[data-testid='step-count']")!.TextContent.Trim());
        Assert.Equal("step", steps[0].GetAttribute("aria-current"));
        Assert.Equal([false, false, .. Enumerable.Repeat(true, steps.Count - 2)], steps.Select(s => s.ClassList.Contains("step-far")));
    }
}
