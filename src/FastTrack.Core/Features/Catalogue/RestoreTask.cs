using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Catalogue;

/// <summary>An admin brings a retired task back: new checklists use it again.</summary>
public static class RestoreTask
{
    [AllowedRoles(Roles.Admin)]
    public sealed record Command(int Id, int Version) : IRequest<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Id).GreaterThan(0).WithMessage(CatalogueText.FtopIdPositive);
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            await TaskRetirement.ChangeAsync(db, user, clock, request.Id, request.Version, t => t.Restore(), CatalogueActions.Restored, ct);
            return Unit.Value;
        }
    }
}
