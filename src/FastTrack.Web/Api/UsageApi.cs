using FastTrack.Features.Engagements;
using FastTrack.Web.Messages;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastTrack.Web.Api;

/// <summary>/api/v1/usage/import: the usage figures of many engagements at once, CSV or JSON, with a dry run.</summary>
internal static class UsageApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/usage/import", ImportAsync).WithTags("Usage").WithName("ImportUsage")
            .WithSummary("Records many usage figures from a CSV (text/csv: EngagementId,Service,Date,ActiveUsers) or JSON array; dryRun=true reports per row what would change and writes nothing. A refused row is reported by its line and nothing is written.")
            .Accepts<IReadOnlyList<UsageRow>>("application/json", "text/csv");
    }

    /// <summary>One row of a JSON usage file.</summary>
    public sealed record UsageRow(int EngagementId, string Service, DateOnly Date, int ActiveUsers);

    /// <param name="Change">"add" (a new figure), or "refused" with <paramref name="Error"/>.</param>
    public sealed record RowResult(int Line, int? EngagementId, string? Service, DateOnly? Date, int? ActiveUsers, int? Before, DateOnly? BeforeOn,
        string Change, string? Error);

    public sealed record ImportResult(bool DryRun, bool Written, int Rows, int Refused, IReadOnlyList<RowResult> Results);

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportAsync(HttpRequest request, IMediator mediator, UserMessages t, bool? dryRun)
    {
        var type = request.ContentType ?? "";
        ImportUsage.FileFormat format;
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)) format = ImportUsage.FileFormat.Csv;
        else if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)) format = ImportUsage.FileFormat.Json;
        else return ApiProblemWriter.Problem(StatusCodes.Status415UnsupportedMediaType, t.Translate("Send the usage as CSV or JSON."));
        using var reader = new StreamReader(request.Body);
        var content = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var r = await mediator.Send(new ImportUsage.Command { Content = content, Format = format, DryRun = dryRun == true });
        return TypedResults.Ok(new ImportResult(r.DryRun, r.Written, r.Rows, r.Refused,
            [.. r.Outcomes.Select(o => new RowResult(o.Line, o.EngagementId, o.Service, o.On, o.ActiveUsers, o.Before, o.BeforeOn,
                o.Refused ? "refused" : "add", o.Error is null ? null : t.Translate(o.Error, o.ErrorArgs)))]));
    }
}
