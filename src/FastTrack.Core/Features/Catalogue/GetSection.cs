using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>One approach section, for its edit form: its fields, where it sits, the service vocabulary and its history.</summary>
public static class GetSection
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query(int Id) : IRequest<Result>;

    public sealed record Result(int Id, int Version, string NameEn, string? NameJa, string? NameZh, int Order,
        string PrimaryRole, IReadOnlyList<string> Motions, bool AllServices, IReadOnlyList<string> AppliesTo,
        LocalName Phase, LocalName Process, int TaskCount, IReadOnlyList<string> ServiceVocabulary,
        IReadOnlyList<HistoryEntry> History, IReadOnlyList<RoleChoice> Roles, string? SummaryEn, string? SummaryJa, string? SummaryZh)
    {
        public LocalName Name => new(NameEn, NameJa, NameZh);
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var s = await db.Sections.Include(s => s.Process).ThenInclude(p => p.Phase)
                .SingleOrDefaultAsync(s => s.Id == request.Id, ct)
                ?? throw new NotFoundException($"Section {request.Id}");
            var appliesTo = ServiceNames.Split(s.AppliesTo);
            var all = appliesTo.Count == 0 || appliesTo.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase);
            return new Result(s.Id, s.Version, s.NameEn, s.NameJa, s.NameZh, s.Order, s.PrimaryRole,
                ServiceNames.Split(s.Motions), all, all ? [] : appliesTo,
                new LocalName(s.Process.Phase.NameEn, s.Process.Phase.NameJa, s.Process.Phase.NameZh),
                new LocalName(s.Process.NameEn, s.Process.NameJa, s.Process.NameZh),
                await db.CatalogueTasks.CountAsync(t => t.SectionId == s.Id, ct),
                await ServiceVocabulary.NamesAsync(db, ct),
                await CatalogueHistory.LoadAsync(db, AuditEntities.Section, s.Id.ToString(CultureInfo.InvariantCulture), ct),
                await RoleVocabulary.ChoicesAsync(db, ct), s.SummaryEn, s.SummaryJa, s.SummaryZh);
        }
    }
}
