using System.Net;
using FastTrack.Domain.Engagements;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Issue 20 item 2: attempts to make the read caches and the kept pages (ADRs 0009 and 0012) show one user what was
/// rendered for another, or what was true before a change of rights. Each view is made twice first, so that the page is
/// in the cache when the attack comes.
/// </summary>
public sealed class CacheAttackTests
{
    private const string CustomerA = "Contoso";

    [Fact]
    public async Task A_page_kept_for_one_partner_is_never_shown_to_another_organisation()
    {
        await using var w = await PageWorld.CreateAsync();
        var assigned = w.Personas["partnerA-assigned"];
        var url = $"/Engagements/{w.EngagementA}";
        await assigned.GetPageAsync(url);
        Assert.Contains(CustomerA, (await assigned.GetPageAsync(url)).QuerySelector("main")!.TextContent);
        Assert.Contains(CustomerA, (await assigned.GetPageAsync("/Engagements")).QuerySelector("main")!.TextContent);
        Assert.Contains(CustomerA, (await assigned.GetPageAsync("/Engagements?Search=Conto")).QuerySelector("main")!.TextContent);

        var other = w.Personas["partnerB"];
        var refused = await other.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(CustomerA, await refused.Content.ReadAsStringAsync());
        // The same list URLs, kept for partner A a moment ago: partner B sees their own engagement only.
        foreach (var list in new[] { "/Engagements", "/Engagements?Search=Conto" })
        {
            var text = (await other.GetPageAsync(list)).QuerySelector("main")!.TextContent;
            Assert.DoesNotContain(CustomerA, text);
        }
        Assert.Contains("Northwind", (await other.GetPageAsync("/Engagements")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_colleague_not_assigned_reads_the_kept_page_without_the_assigned_partners_controls()
    {
        await using var w = await PageWorld.CreateAsync();
        var url = $"/Engagements/{w.EngagementA}?edit={w.TaskA}"; // the task's form opened in place
        var assignedPage = await w.Personas["partnerA-assigned"].GetPageAsync(url);
        Assert.NotEmpty(assignedPage.QuerySelectorAll("form[data-task-form]"));

        var colleague = await w.Personas["partnerA-not-assigned"].GetPageAsync(url);
        Assert.Contains(CustomerA, colleague.QuerySelector("main")!.TextContent);
        Assert.Empty(colleague.QuerySelectorAll("form[data-task-form]"));
        Assert.Empty(colleague.QuerySelectorAll("#note-form"));
    }

    [Fact]
    public async Task A_partner_unassigned_right_after_a_view_loses_the_controls_and_a_post_from_the_old_page_is_refused()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = w.Personas["partnerA-assigned"];
        var url = $"/Engagements/{w.EngagementA}?edit={w.TaskA}"; // the task's form opened in place
        await partner.GetPageAsync(url);
        var before = await partner.GetPageAsync(url);
        Assert.NotNull(before.QuerySelector($"form[data-task-form='{w.TaskA}']"));

        // The FM hands the engagement to the other Alpha colleague.
        var handed = await w.Personas["fm"].PostFormAsync($"/Engagements/{w.EngagementA}/Partners",
            [new("Data.UserIds", w.PartnerANotAssignedId)]);
        Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);

        var after = await partner.GetPageAsync(url);
        Assert.Contains(CustomerA, after.QuerySelector("main")!.TextContent); // the organisation still reads it
        Assert.Empty(after.QuerySelectorAll("form[data-task-form]"));

        // The form still open in the partner's browser is refused, and changes nothing.
        var posted = await partner.SubmitFormAsync(before, $"/Engagements/{w.EngagementA}?handler=Task",
            [new("Data.Status", nameof(EngagementTaskStatus.InProgress)), new("Data.Note", "from a page kept before")],
            $"form[data-task-form='{w.TaskA}']");
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True((int)posted.StatusCode < 500, $"gave {(int)posted.StatusCode}");
        Assert.Equal(EngagementTaskStatus.NotStarted, w.App.Scoped(db => db.EngagementTasks.AsNoTracking().Single(t => t.Id == w.TaskA)).Status);

        // The colleague now assigned gets the controls on the same URL.
        Assert.NotEmpty((await w.Personas["partnerA-not-assigned"].GetPageAsync(url)).QuerySelectorAll("form[data-task-form]"));
    }

    [Fact]
    public async Task A_user_disabled_right_after_a_view_gets_nothing_more_from_the_cache()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = w.Personas["partnerA-assigned"];
        var url = $"/Engagements/{w.EngagementA}";
        await partner.GetPageAsync(url);
        await partner.GetPageAsync(url);

        var saved = await w.Personas["admin"].PostFormAsync($"/Admin/Users/{w.PartnerAAssignedId}/Edit", new() { ["Data.IsDisabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var page in new[] { url, "/Engagements", "/" })
        {
            var after = await partner.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_form_token_replayed_in_another_users_session_or_after_sign_out_is_refused_and_changes_nothing()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = w.Personas["fm"];
        var url = $"/Engagements/{w.EngagementA}";
        var fmPage = await fm.GetPageAsync(url + $"?edit={w.TaskA}");
        var form = FormPosting.FindForm(fmPage, url + "?handler=Task", $"form[data-task-form='{w.TaskA}']");
        var values = FormPosting.FormValues(form);
        values.RemoveAll(v => v.Key is "Data.Status" or "Data.Note");
        values.Add(new("Data.Status", nameof(EngagementTaskStatus.InProgress)));
        values.Add(new("Data.Note", "replayed"));

        // The FM's token (and fields) posted with the cookies of another user's browser, signed in to an engagement of
        // their own organisation's admin: the admin may change the task, so only the token can refuse it.
        var replayed = await w.Personas["admin"].PostAsync(url + "?handler=Task", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);

        // After the FM signs out, their browser's old form is refused too.
        var signOutPage = await fm.GetPageAsync("/");
        var signedOut = await fm.SubmitFormAsync(signOutPage, "/Account/SignOut", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var afterSignOut = await fm.PostAsync(url + "?handler=Task", new FormUrlEncodedContent(values));
        Assert.NotEqual(HttpStatusCode.OK, afterSignOut.StatusCode);
        Assert.False(afterSignOut.StatusCode == HttpStatusCode.Redirect && afterSignOut.Headers.Location!.OriginalString.Contains($"/Engagements/{w.EngagementA}", StringComparison.Ordinal),
            "The post after sign-out went through.");

        Assert.Equal(EngagementTaskStatus.NotStarted, w.App.Scoped(db => db.EngagementTasks.AsNoTracking().Single(t => t.Id == w.TaskA)).Status);
    }
}
