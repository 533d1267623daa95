using Scalar.AspNetCore;

namespace FastTrack.Web.Api;

/// <summary>The API's OpenAPI document at /openapi/v1.json, and Scalar's reference page at /scalar for signed-in users.</summary>
public static class OpenApiSetup
{
    public static void AddFastTrackOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            // Only the API: pages and health checks are not part of it.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new() { Title = "FastTrack Engagement Tracker API", Version = "v1", Description = "Send an API token: Authorization: Bearer <token>. Errors are RFC 9457 problem details." };
                return Task.CompletedTask;
            });
        });

    public static void MapFastTrackOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("FastTrack API").WithNonce()).RequireAuthorization();
    }
}
