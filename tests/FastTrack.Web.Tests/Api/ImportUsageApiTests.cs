using System.Net;
using System.Text;
using FastTrack.Web.Tests.Security;

namespace FastTrack.Web.Tests.Api;

/// <summary>Bulk usage upload through the API: CSV and JSON, a dry run that writes nothing, all or nothing with line numbers.</summary>
public sealed class ImportUsageApiTests
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_dry_run_reports_per_row_what_would_change_and_writes_nothing()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = await w.App.ApiClientAsync(w.FmId);
        await fm.PostJsonAsync($"/api/v1/engagements/{w.EngagementA}/usage", new { service = "Teams", on = "2026-01-31", activeUsers = 100 });
        var file = $"EngagementId,Service,Date,ActiveUsers\n{w.EngagementA},Teams,2026-02-28,150\r\n{w.EngagementB},teams,2026-02-28,90\n";

        var response = await fm.PostAsync("/api/v1/usage/import?dryRun=true", Csv(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.JsonAsync();
        Assert.True(result.GetProperty("dryRun").GetBoolean());
        Assert.False(result.GetProperty("written").GetBoolean());
        var rows = result.GetProperty("results");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal(2, rows[0].GetProperty("line").GetInt32());
        Assert.Equal("add", rows[0].GetProperty("change").GetString());
        Assert.Equal(100, rows[0].GetProperty("before").GetInt32());
        Assert.Equal(150, rows[0].GetProperty("activeUsers").GetInt32());
        Assert.Equal("Teams", rows[1].GetProperty("service").GetString());
        Assert.Equal(1, w.App.Scoped(db => db.Set<Domain.Engagements.UsageRecord>().Count()));
    }

    [Fact]
    public async Task A_malformed_row_is_reported_by_its_line_and_no_row_of_the_file_is_written()
    {
        await using var w = await PageWorld.CreateAsync();
        var fm = await w.App.ApiClientAsync(w.FmId);
        var file = $"EngagementId,Service,Date,ActiveUsers\n{w.EngagementA},Teams,2026-02-28,150\n{w.EngagementA},Teams,28/02/2026,150\n{w.EngagementA},Teams,2026-03-01,5000\n";

        var response = await fm.PostAsync("/api/v1/usage/import", Csv(file));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Equal("The date \"28/02/2026\" is not a date (yyyy-mm-dd).", errors.GetProperty("Line 3")[0].GetString());
        Assert.Equal("Active users (5000) cannot exceed the customer's 1000 seats of Teams.", errors.GetProperty("Line 4")[0].GetString());
        Assert.False(errors.TryGetProperty("Line 2", out _));
        Assert.Equal(0, w.App.Scoped(db => db.Set<Domain.Engagements.UsageRecord>().Count()));
        Assert.False(w.App.Scoped(db => db.AuditEntries.Any(a => a.Action == "UsageRecorded")));
    }

    [Fact]
    public async Task A_json_file_is_written_and_audited_and_a_partner_changes_only_engagements_they_are_assigned_to()
    {
        await using var w = await PageWorld.CreateAsync();
        var partner = await w.App.ApiClientAsync(w.PartnerAAssignedId);
        var json = new StringContent($"[{{\"engagementId\":{w.EngagementA},\"service\":\"Teams\",\"date\":\"2026-02-28\",\"activeUsers\":150}}," +
            $"{{\"engagementId\":{w.EngagementA},\"service\":\"Teams\",\"date\":\"2026-03-31\",\"activeUsers\":210}}]", Encoding.UTF8, "application/json");
        var written = await partner.PostAsync("/api/v1/usage/import", json);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.True((await written.JsonAsync()).GetProperty("written").GetBoolean());
        Assert.Equal(2, w.App.Scoped(db => db.AuditEntries.Count(a => a.Action == "UsageRecorded" && a.UserName == "pa1@alpha.example")));
        Assert.Equal(210, w.App.Scoped(db => db.EngagementServices.Single(s => s.EngagementId == w.EngagementA).LatestActiveUsers));

        // Engagement B belongs to another organisation: not found, as on its page; nothing of the file is written.
        var other = await partner.PostAsync("/api/v1/usage/import", Csv($"EngagementId,Service,Date,ActiveUsers\n{w.EngagementA},Teams,2026-04-30,220\n{w.EngagementB},Teams,2026-04-30,1\n"));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal($"Engagement {w.EngagementB} was not found.", (await other.JsonAsync()).GetProperty("errors").GetProperty("Line 3")[0].GetString());
        Assert.Equal(2, w.App.Scoped(db => db.Set<Domain.Engagements.UsageRecord>().Count()));

        var unsupported = await partner.PostAsync("/api/v1/usage/import", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
    }
}
