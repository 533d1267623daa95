using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FastTrack.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Api;

/// <summary>/openapi/v1.json describes every API endpoint, and a client written from it (eng/api-example.sh) works.</summary>
public sealed class OpenApiDocumentTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Every_api_endpoint_is_in_the_document_with_its_request_and_response_schemas()
    {
        using var app = new AppFactory();
        var response = await app.ApiClient(null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.JsonAsync();
        var paths = doc.GetProperty("paths");
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/v1/", StringComparison.Ordinal));
        var problems = new List<string>();
        var endpoints = PageAuthorizationMatrixTests.ApiEndpoints(app);
        foreach (var key in endpoints)
        {
            var method = key.Split(' ')[0].ToLowerInvariant();
            var path = System.Text.RegularExpressions.Regex.Replace(key.Split(' ')[1], ":[a-z]+}", "}");
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var op)) { problems.Add($"{key}: not in the document"); continue; }
            if (!op.TryGetProperty("operationId", out _)) problems.Add($"{key}: no operationId");
            if (method is "put" or "post" && !(op.TryGetProperty("requestBody", out var body) && HasSchemas(body)))
                problems.Add($"{key}: no request body schema");
            var responses = op.GetProperty("responses");
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            if (success.Count == 0) problems.Add($"{key}: no success response");
            foreach (var s in success.Where(s => s.Name != "204"))
                if (!HasSchemas(s.Value)) problems.Add($"{key}: response {s.Name} has no schema");
            foreach (var code in new[] { "400", "401", "403", "404", "409", "422", "429" })
                if (!responses.TryGetProperty(code, out var r) || !HasSchemas(r)) problems.Add($"{key}: no problem details schema for {code}");
        }
        output.WriteLine($"figure: OpenAPI document: {endpoints.Count} endpoints, {problems.Count} without their schemas");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(10, endpoints.Count);
    }

    private static bool HasSchemas(JsonElement requestOrResponse) =>
        requestOrResponse.TryGetProperty("content", out var content) && content.EnumerateObject().Any()
        && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _));

    [Fact]
    public async Task The_example_client_finds_its_operations_in_the_document_and_calls_the_api_on_a_real_port()
    {
        var app = new AppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.BaseAddress = new Uri(address);
        await using var w = await PageWorld.CreateAsync(app, signIn: false);
        var token = await app.TokenAsync(w.PartnerAAssignedId);
        var before = app.Scoped(db => db.AuditEntries.Count(a => a.Action == "TaskStatusChanged"));

        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "eng", "api-example.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["FASTTRACK_URL"] = address;
        start.Environment["FASTTRACK_TOKEN"] = token;
        using var script = Process.Start(start)!;
        var stdout = await script.StandardOutput.ReadToEndAsync();
        var stderr = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        output.WriteLine(stdout + stderr);
        Assert.True(script.ExitCode == 0, stdout + stderr);
        Assert.Contains($"first: {w.EngagementA} Contoso", stdout);
        Assert.Contains("HTTP 204", stdout);
        Assert.Equal(before + 1, app.Scoped(db => db.AuditEntries.Count(a => a.Action == "TaskStatusChanged")));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FastTrack.sln not found above the test binaries.");
    }
}
