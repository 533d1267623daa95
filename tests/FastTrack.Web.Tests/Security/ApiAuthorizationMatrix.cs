using System.Net;
using System.Text;
using FastTrack.Web.Tests.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Every /api endpoint of the running app (found through its endpoint data source, so an endpoint added later without a
/// row fails the suite), called by each persona with an API token of theirs (read and write): anonymous sends none.
/// Codes: O = past authorization (2xx, or 400/409/422 from the use case), U = 401, F = 403, N = 404. Each persona's sign-in
/// cookie alone gets 401 everywhere: cookies never authenticate the API.
/// </summary>
public partial class PageAuthorizationMatrixTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Key "METHOD /api/v1/…pattern" → (URL, body content type, body, expected codes).</summary>
    private static readonly (string Key, string Url, string Type, string Body, string Expected)[] ApiTable =
    [
        ("GET /api/v1/engagements", "/api/v1/engagements", "", "", "UOOOOOO"),
        ("GET /api/v1/engagements/{id:int}", "/api/v1/engagements/{A}", "", "", "UOOOOON"),
        ("PUT /api/v1/engagements/{id:int}/tasks/{taskId:int}/status", "/api/v1/engagements/{A}/tasks/{T}/status", "application/json", "{\"status\":\"InProgress\",\"version\":-1}", "UOOOOFN"),
        ("POST /api/v1/engagements/{id:int}/usage", "/api/v1/engagements/{A}/usage", "application/json", "{}", "UOOOOFN"),
        ("PUT /api/v1/engagements/{id:int}/workloads/{service}", "/api/v1/engagements/{A}/workloads/Teams", "application/json", "{}", "UOOOOFN"),
        ("POST /api/v1/engagements/{id:int}/notes", "/api/v1/engagements/{A}/notes", "application/json", "{}", "UOOOOFN"),
        // Rows are checked one by one: another organisation's engagement is reported as not found in the (200) result.
        ("POST /api/v1/usage/import", "/api/v1/usage/import?dryRun=true", "text/csv", "EngagementId,Service,Date,ActiveUsers\n{A},Teams,2026-01-31,1\n", "UOOOOOO"),
        ("GET /api/v1/catalogue", "/api/v1/catalogue", "", "", "UOOOOOO"),
        ("GET /api/v1/catalogue/export", "/api/v1/catalogue/export", "", "", "UOOOOOO"),
        ("POST /api/v1/catalogue/import", "/api/v1/catalogue/import?dryRun=true", "text/csv", "x", "UOFFFFF"),
    ];

    [Fact]
    public void Every_api_endpoint_of_the_app_has_a_row()
    {
        using var app = new AppFactory();
        var found = ApiEndpoints(app);
        Assert.True(found.Count >= ApiTable.Length);
        var missing = found.Except(ApiTable.Select(r => r.Key)).ToList();
        Assert.True(missing.Count == 0, "API endpoints without a row: " + string.Join(", ", missing));
        var gone = ApiTable.Select(r => r.Key).Except(found).ToList();
        Assert.True(gone.Count == 0, "Rows without an API endpoint: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_api_endpoint_against_every_persona_gives_the_expected_result_and_no_cookie_opens_it()
    {
        await using var w = await PageWorld.CreateAsync();
        string?[] ids = [null, w.AdminId, w.FmId, w.OtherFmId, w.PartnerAAssignedId, w.PartnerANotAssignedId, w.PartnerBId];
        var clients = new List<HttpClient>();
        foreach (var id in ids) clients.Add(w.App.ApiClient(id is null ? null : await w.App.TokenAsync(id)));
        var mismatches = new List<string>();
        var cells = 0;
        foreach (var (key, template, type, body, expected) in ApiTable)
        {
            var url = Fill(template, w);
            var method = new HttpMethod(key.Split(' ')[0]);
            for (var i = 0; i < ids.Length; i++)
            {
                cells++;
                var response = await clients[i].SendAsync(Request(method, url, type, Fill(body, w)));
                var actual = ApiCode(response);
                if (actual != expected[i]) mismatches.Add($"{key} as {PageWorld.PersonaNames[i]}: expected {expected[i]}, got {actual} ({(int)response.StatusCode} {await response.Content.ReadAsStringAsync()})");
                // The same persona's browser, signed in with its cookie but without a token.
                var cookie = await w.Personas[PageWorld.PersonaNames[i]].SendAsync(Request(method, url, type, Fill(body, w)));
                if (cookie.StatusCode != HttpStatusCode.Unauthorized) mismatches.Add($"{key} with {PageWorld.PersonaNames[i]}'s cookie: expected 401, got {(int)cookie.StatusCode}");
            }
        }
        output.WriteLine($"figure: API access matrix: {cells} cells (and as many cookie-only calls), {mismatches.Count} wrong");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(ApiTable.Length * ids.Length, cells);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string type, string body)
    {
        var request = new HttpRequestMessage(method, url);
        if (type.Length > 0) request.Content = new StringContent(body, Encoding.UTF8, type);
        return request;
    }

    private static char ApiCode(HttpResponseMessage r) => (int)r.StatusCode switch
    {
        >= 200 and < 300 or 400 or 409 or 422 => 'O',
        401 => 'U',
        403 => 'F',
        404 => 'N',
        _ => '?',
    };

    /// <summary>"GET /api/v1/engagements/{id:int}" … for every API endpoint the app serves.</summary>
    internal static List<string> ApiEndpoints(AppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Distinct().ToList();
}
