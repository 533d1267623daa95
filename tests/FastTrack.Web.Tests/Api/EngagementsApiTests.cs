using System.Net;
using System.Text.Json;
using FastTrack.Domain.Users;
using FastTrack.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Web.Tests.Api;

/// <summary>
/// The REST API over real HTTP and a real database (SQLite, or PostgreSQL under eng/test.sh): the same use cases, rules,
/// messages and audit rows as the pages, answered as problem details.
/// </summary>
public sealed class EngagementsApiTests
{
    private const string TaskConflict = "Someone else changed this task after you opened it. Nothing was saved: reload the page to see their change, then try again.";

    [Fact]
    public async Task Lists_and_reads_engagements_with_checklist_and_usage()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = await w.App.ApiClientAsync(w.FmId, ApiTokenScope.Read);

        var list = await (await fm.GetAsync("/api/v1/engagements?search=contoso")).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(w.EngagementA, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal("Contoso", list.GetProperty("items")[0].GetProperty("customer").GetString());

        var response = await fm.GetAsync($"/api/v1/engagements/{w.EngagementA}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = await response.JsonAsync();
        Assert.Equal("Contoso", e.GetProperty("customer").GetString());
        Assert.Contains(e.GetProperty("checklist").EnumerateArray(), t => t.GetProperty("id").GetInt32() == w.TaskA && t.GetProperty("status").GetString() == "NotStarted");
        Assert.Equal(1000, e.GetProperty("services")[0].GetProperty("seats").GetInt32());
        Assert.True(e.GetProperty("canWork").GetBoolean());

        var missing = await fm.GetAsync("/api/v1/engagements/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Task_status_with_note_and_version_then_a_stale_version_is_a_409_with_the_pages_message()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = await w.App.ApiClientAsync(w.PartnerAAssignedId);
        var version = TaskVersion(w);

        var done = await partner.PutJsonAsync($"/api/v1/engagements/{w.EngagementA}/tasks/{w.TaskA}/status",
            new { status = "Completed", version, note = "Kick-off held with the customer" });
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        var task = w.App.Scoped(db => db.EngagementTasks.Single(t => t.Id == w.TaskA));
        Assert.Equal("Completed", task.Status.ToString());
        Assert.Equal("Kick-off held with the customer", task.CompletionNote);
        Assert.Equal(version + 1, task.Version);
        Assert.True(w.App.Scoped(db => db.AuditEntries.Any(a => a.Action == "TaskStatusChanged" && a.UserName == "pa1@alpha.example")));

        var stale = await partner.PutJsonAsync($"/api/v1/engagements/{w.EngagementA}/tasks/{w.TaskA}/status", new { status = "InProgress", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(TaskConflict, (await stale.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("Completed", w.App.Scoped(db => db.EngagementTasks.Single(t => t.Id == w.TaskA).Status.ToString()));
    }

    [Fact]
    public async Task Validation_failures_are_400_with_the_field_and_the_pages_message_in_the_callers_language()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = await w.App.ApiClientAsync(w.FmId);
        var version = TaskVersion(w);
        var url = $"/api/v1/engagements/{w.EngagementA}/tasks/{w.TaskA}/status";

        var en = await fm.PutJsonAsync(url, new { status = "Blocked", version });
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        var problem = await en.JsonAsync();
        Assert.Equal("Give the reason: it is required when a task is Not applicable or Blocked.", problem.GetProperty("errors").GetProperty("reason")[0].GetString());

        using var ja = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent(new { status = "Blocked", version }) };
        ja.Headers.AcceptLanguage.ParseAdd("ja");
        var jaResponse = await fm.SendAsync(ja);
        Assert.Equal("理由を入力してください: タスクが「該当なし」または「ブロック」の場合は必須です。",
            (await jaResponse.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());

        var usage = await fm.PostJsonAsync($"/api/v1/engagements/{w.EngagementA}/usage", new { service = "Teams", on = "2026-02-01", activeUsers = 5000 });
        Assert.Equal(HttpStatusCode.BadRequest, usage.StatusCode);
        Assert.Equal("Active users cannot exceed the customer's 1000 seats.", (await usage.JsonAsync()).GetProperty("errors").GetProperty("activeUsers")[0].GetString());

        var garbage = await fm.PutAsync(url, new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(version, TaskVersion(w));
        Assert.False(w.App.Scoped(db => db.AuditEntries.Any(a => a.Action == "TaskStatusChanged" || a.Action == "UsageRecorded")));
    }

    [Fact]
    public async Task Usage_workload_status_and_notes_are_recorded_and_audited_and_a_broken_rule_is_422()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = await w.App.ApiClientAsync(w.PartnerAAssignedId);
        var id = w.EngagementA;

        Assert.Equal(HttpStatusCode.NoContent, (await partner.PostJsonAsync($"/api/v1/engagements/{id}/usage", new { service = "Teams", on = "2026-02-01", activeUsers = 420 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.PutJsonAsync($"/api/v1/engagements/{id}/workloads/Teams", new { code = "In Progress|Migration|", targetOn = "2026-06-30" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.PostJsonAsync($"/api/v1/engagements/{id}/notes", new { service = "Teams", text = "Pilot with 40 users" })).StatusCode);

        var e = await (await partner.GetAsync($"/api/v1/engagements/{id}")).JsonAsync();
        Assert.Equal(420, e.GetProperty("usage")[0].GetProperty("activeUsers").GetInt32());
        Assert.Equal("In Progress", e.GetProperty("services")[0].GetProperty("workloadL1").GetString());
        Assert.Equal("Pilot with 40 users", e.GetProperty("notes")[0].GetProperty("text").GetString());
        var actions = w.App.Scoped(db => db.AuditEntries.Where(a => a.UserName == "pa1@alpha.example").Select(a => a.Action).ToList());
        Assert.Contains("UsageRecorded", actions);
        Assert.Contains("WorkloadStatusSet", actions);
        Assert.Contains("NoteAdded", actions);

        // A service the engagement does not have: the domain refuses it, with the page's message.
        var refused = await partner.PostJsonAsync($"/api/v1/engagements/{id}/usage", new { service = "Exchange", on = "2026-02-01", activeUsers = 1 });
        Assert.True(refused.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, refused.StatusCode.ToString());
    }

    [Fact]
    public async Task A_partner_of_another_organisation_gets_404_and_an_unassigned_partner_403_and_nothing_changes()
    {
        await using var w = await PageWorld.CreateAsync();
        var partnerB = await w.App.ApiClientAsync(w.PartnerBId);
        var notAssigned = await w.App.ApiClientAsync(w.PartnerANotAssignedId);
        var version = TaskVersion(w);
        var url = $"/api/v1/engagements/{w.EngagementA}/tasks/{w.TaskA}/status";

        Assert.Equal(HttpStatusCode.NotFound, (await partnerB.GetAsync($"/api/v1/engagements/{w.EngagementA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partnerB.PutJsonAsync(url, new { status = "Completed", version })).StatusCode);
        var list = await (await partnerB.GetAsync("/api/v1/engagements")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt32() == w.EngagementA);
        var forbidden = await notAssigned.PutJsonAsync(url, new { status = "Completed", version });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Only the partner staff assigned to this engagement may change it.", (await forbidden.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(version, TaskVersion(w));
    }

    private static int TaskVersion(PageWorld w) => w.App.Scoped(db => db.EngagementTasks.Single(t => t.Id == w.TaskA).Version);

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, ApiClients.Json), System.Text.Encoding.UTF8, "application/json");
}
