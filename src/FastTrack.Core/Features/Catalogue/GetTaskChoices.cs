using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>What the task form offers: the sections (grouped by phase and process), the service vocabulary and the roles.</summary>
public static class GetTaskChoices
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(IReadOnlyList<SectionGroup> Sections, IReadOnlyList<string> Services, IReadOnlyList<RoleChoice> Roles);

    /// <summary>The sections of one process, shown as an option group "Phase › Process".</summary>
    public sealed record SectionGroup(LocalName Phase, LocalName Process, IReadOnlyList<Choice> Sections);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var phases = await db.Phases.Include(p => p.Processes).ThenInclude(p => p.Sections)
                .OrderBy(p => p.Order).AsSplitQuery().ToListAsync(ct);
            var groups = phases
                .SelectMany(phase => phase.Processes.OrderBy(p => p.Order).Select(process => new SectionGroup(
                    new LocalName(phase.NameEn, phase.NameJa, phase.NameZh),
                    new LocalName(process.NameEn, process.NameJa, process.NameZh),
                    process.Sections.OrderBy(s => s.Order)
                        .Select(s => new Choice(s.Id, new LocalName(s.NameEn, s.NameJa, s.NameZh))).ToList())))
                .ToList();
            return new Result(groups, await ServiceVocabulary.NamesAsync(db, ct), await RoleVocabulary.ChoicesAsync(db, ct));
        }
    }
}
