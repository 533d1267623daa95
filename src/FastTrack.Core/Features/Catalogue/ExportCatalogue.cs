using System.Globalization;
using System.Text;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>Downloads what the catalogue filter shows as a catalogue file, in playbook order (docs/catalogue-format.md).</summary>
public static class ExportCatalogue
{
    [AnySignedInUser]
    public sealed record Query : IRequest<Result>
    {
        public CatalogueFilter Filter { get; init; } = new();
    }

    public sealed record Result(string FileName, byte[] Content, int Rows);

    internal sealed class Handler(FastTrackDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var tasks = await request.Filter.Apply(db.CatalogueTasks)
                .Include(t => t.Services)
                .Include(t => t.Section).ThenInclude(s => s.Process).ThenInclude(p => p.Phase)
                .OrderBy(t => t.Section.Process.Phase.Order).ThenBy(t => t.Section.Process.Order).ThenBy(t => t.Section.Order)
                .ThenBy(t => t.FtopId)
                .AsSplitQuery()
                .ToListAsync(ct);
            var csv = CatalogueCsv.Write(tasks.Select(RowOf));
            // A BOM so that Excel opens the Japanese and Chinese names as UTF-8; import accepts it.
            var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
            var name = $"fasttrack-catalogue-{clock.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv";
            return new Result(name, content, tasks.Count);
        }
    }

    internal static CatalogueRow RowOf(CatalogueTask t) => new(0, t.FtopId.ToString(CultureInfo.InvariantCulture),
        t.Section.Process.Phase.NameEn, t.Section.Process.NameEn, t.Section.NameEn, t.Mandatory ? "M" : "O", t.Role,
        t.ServicesText, t.NameEn, t.NameJa ?? "", t.NameZh ?? "");
}
