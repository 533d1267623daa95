using System.Security.Claims;
using System.Threading.RateLimiting;
using FastTrack.Features.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace FastTrack.Web.Api;

/// <summary>
/// The REST API under /api/v1 (README: Calling the API): Minimal API endpoints over the pages' use cases, authenticated only by API
/// tokens, limited per token, answering problem details, described at /openapi/v1.json (README: Calling the API; docs/security.md: API tokens).
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api";
    public const string Policy = "Api";
    public const string RateLimit = "Api";

    public static void AddFastTrackApi(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<TokenAuthentication>();
        services.AddScoped<ApiProblemWriter>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // Per client: each token has its own budget (a token's id once authenticated; the caller's address otherwise).
        var permits = config.GetValue("Api:RateLimit:PermitsPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ApiTokenAuthentication.TokenClaim) is { } token ? "token:" + token : "address:" + context.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<ApiProblemWriter>()
                    .WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests: wait a minute and try again.");
            };
        });
    }

    /// <summary>A request to the API: authenticated by its token only, never by a sign-in cookie.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    public static void MapFastTrackApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix + "/v1")
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimit)
            .AddEndpointFilter<ApiUseCaseFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        EngagementsApi.Map(api);
        UsageApi.Map(api);
        CatalogueApi.Map(api);
        // Anything else under /api (no such endpoint, a method or content type it does not take) is answered as problem
        // details by ApiErrorBodies, never with the HTML error page.
    }
}
