using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>Adds a note to an engagement, optionally about one service. Notes are append-only.</summary>
public static class AddNote
{
    // Partners assigned to the engagement send it too; every field is part of that use case (nothing beyond it to mass-assign).
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public string? Service { get; init; }
        public string Text { get; init; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(4000).WithMessage("A note is at most 4,000 characters.");
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var note = e.AddNote(request.Service, request.Text, user.Name, clock.GetUtcNow());
            EngagementStore.Audit(db, user, clock, e, "NoteAdded", [new FieldChange("Note", null, note.Text)], note.Service);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
