using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Catalogue;

/// <summary>An admin retires a task: it stays on every engagement that has it, but new checklists no longer use it.</summary>
public static class RetireTask
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
            await TaskRetirement.ChangeAsync(db, user, clock, request.Id, request.Version, t => t.Retire(), CatalogueActions.Retired, ct);
            return Unit.Value;
        }
    }
}
