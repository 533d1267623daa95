using FastTrack.Features.Catalogue;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FastTrack.Web.Api;

/// <summary>/api/v1/catalogue: read it (anyone signed in); an admin exports and imports it as on the catalogue pages.</summary>
internal static class CatalogueApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/catalogue").WithTags("Catalogue");
        g.MapGet("/", BrowseAsync).WithName("BrowseCatalogue").WithSummary("The catalogue's tree and tasks, filtered as on the catalogue page.");
        g.MapGet("/export", ExportAsync).WithName("ExportCatalogue").WithSummary("What the filter shows as a catalogue file (CSV, docs/catalogue-format.md).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        g.MapPost("/import", ImportAsync).WithName("ImportCatalogue")
            .WithSummary("Admin: a catalogue file (text/csv). dryRun=true previews it and returns its fingerprint; without dryRun, send that fingerprint to apply exactly what was previewed (409-like refusal when the catalogue changed since).")
            .Accepts<string>("text/csv");
    }

    public sealed record ImportResult(bool DryRun, ImportPreview? Preview, ApplyImport.Result? Applied);

    private static async Task<Ok<BrowseCatalogue.Result>> BrowseAsync(IMediator mediator, int? phaseId, string? service, string? role, string? required,
        bool? retired, string? search) =>
        TypedResults.Ok(await mediator.Send(new BrowseCatalogue.Query(Filter(phaseId, service, role, required, retired, search))));

    private static async Task<FileContentHttpResult> ExportAsync(IMediator mediator, int? phaseId, string? service, string? role, string? required,
        bool? retired, string? search)
    {
        var r = await mediator.Send(new ExportCatalogue.Query { Filter = Filter(phaseId, service, role, required, retired, search) });
        return TypedResults.File(r.Content, "text/csv", r.FileName);
    }

    private static CatalogueFilter Filter(int? phaseId, string? service, string? role, string? required, bool? retired, string? search) =>
        new() { PhaseId = phaseId, Service = service, Role = role, Required = required, Retired = retired ?? false, Search = search };

    private static async Task<Ok<ImportResult>> ImportAsync(HttpRequest request, IMediator mediator, bool? dryRun, bool? retireMissing, string? fingerprint, string? fileName)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var content = buffer.ToArray();
        var name = string.IsNullOrWhiteSpace(fileName) ? "catalogue.csv" : fileName;
        if (dryRun == true)
            return TypedResults.Ok(new ImportResult(true,
                await mediator.Send(new PreviewImport.Command { FileName = name, Content = content, RetireMissing = retireMissing == true }), null));
        var applied = await mediator.Send(new ApplyImport.Command
        {
            FileName = name, FileBase64 = Convert.ToBase64String(content), RetireMissing = retireMissing == true, Fingerprint = fingerprint ?? "",
        });
        return TypedResults.Ok(new ImportResult(false, null, applied));
    }
}
