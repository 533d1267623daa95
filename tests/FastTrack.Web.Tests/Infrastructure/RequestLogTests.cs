using System.Net;
using System.Text.Json;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// The log file (Serilog.AspNetCore's request logging, docs/security.md): one JSON object a line, one line per request
/// with method, path, status, elapsed time and user id, and nothing a reader of the log should not see: no password,
/// no cookie or form token, no query string (a search names a customer).
/// </summary>
public class RequestLogTests
{
    [Fact]
    public async Task Each_request_is_one_JSON_line_without_secrets_cookies_or_query()
    {
        const string search = "Contoso-Secret-Customer";
        List<string> cookies;
        using var database = new AppDatabase();
        // The app is stopped before the file is read: its logger is flushed and closed with it.
        using (var app = new AppFactory(sharedDatabase: database))
        {
            var email = $"fm-{Guid.NewGuid():N}@example.com";
            await app.CreateUserAsync(email, Roles.FastTrackManager);
            var client = app.Browser();
            var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)[1]).Where(v => v.Length > 20).ToList();
            Assert.NotEmpty(cookies);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Engagements?Search={search}")).StatusCode);
        }

        var lines = FastTrack.Web.Tests.Infrastructure.LogFiles.Lines(database);
        var requests = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("MessageTemplate").GetString()!.StartsWith("HTTP ", StringComparison.Ordinal)).ToList();
        var list = Assert.Single(requests, e => e.GetProperty("Properties").GetProperty("RequestPath").GetString() == "/Engagements");
        var properties = list.GetProperty("Properties");
        Assert.Equal("GET", properties.GetProperty("RequestMethod").GetString());
        Assert.Equal(200, properties.GetProperty("StatusCode").GetInt32());
        Assert.True(properties.GetProperty("Elapsed").GetDouble() > 0);
        Assert.NotEqual("anonymous", properties.GetProperty("UserId").GetString());
        Assert.Contains(requests, e => e.GetProperty("Properties").GetProperty("RequestPath").GetString() == "/Account/SignIn");

        var all = string.Join("\n", lines);
        Assert.DoesNotContain(AppFactory.Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain(search, all, StringComparison.Ordinal);
        foreach (var cookie in cookies) Assert.DoesNotContain(cookie, all, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestVerificationToken", all, StringComparison.Ordinal);
    }

}
