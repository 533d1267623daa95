using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Users;

/// <summary>The people waiting for approval after their first single sign-on (Sso:NewUsers = Approve), oldest first.</summary>
public static class ListSignUps
{
    [AllowedRoles(Domain.Catalogue.Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Email, string DisplayName, string? SuggestedRole, int? SuggestedOrganisationId, DateTime RequestedAt, int Version);

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken ct) =>
            await db.SsoSignUps.Where(s => s.Status == SsoSignUpStatus.Pending).OrderBy(s => s.RequestedAt).ThenBy(s => s.Id)
                .Select(s => new Row(s.Id, s.Email, s.DisplayName, s.SuggestedRole, s.SuggestedOrganisationId, s.RequestedAt, s.Version))
                .ToListAsync(ct);
    }
}
