using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>One task with everything about it and its history (newest first).</summary>
public static class GetTask
{
    [AnySignedInUser]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(int FtopId, string NameEn, string? NameJa, string? NameZh,
        int PhaseId, LocalName Phase, int ProcessId, LocalName Process, int SectionId, LocalName Section,
        bool Mandatory, string Role, bool AllServices, IReadOnlyList<string> Services, bool Retired, int Version,
        IReadOnlyList<HistoryEntry> History)
    {
        public LocalName Name => new(NameEn, NameJa, NameZh);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var t = await db.CatalogueTasks
                .Include(t => t.Services)
                .Include(t => t.Section).ThenInclude(s => s.Process).ThenInclude(p => p.Phase)
                .SingleOrDefaultAsync(t => t.FtopId == request.Id, ct)
                ?? throw new NotFoundException($"Task {request.Id}");
            var section = t.Section;
            var process = section.Process;
            var phase = process.Phase;
            var history = await CatalogueHistory.LoadAsync(db, AuditEntities.CatalogueTask,
                t.FtopId.ToString(CultureInfo.InvariantCulture), ct);
            return new Result(t.FtopId, t.NameEn, t.NameJa, t.NameZh,
                phase.Id, new LocalName(phase.NameEn, phase.NameJa, phase.NameZh),
                process.Id, new LocalName(process.NameEn, process.NameJa, process.NameZh),
                section.Id, new LocalName(section.NameEn, section.NameJa, section.NameZh),
                t.Mandatory, t.Role, t.AllServices, t.Services.Select(s => s.Name).Order(StringComparer.Ordinal).ToList(),
                t.Retired, t.Version, history);
        }
    }
}
