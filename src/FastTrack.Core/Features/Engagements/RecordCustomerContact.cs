using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// Records the latest day the customer responded (a call, a mail answered, a meeting held): the "no customer response"
/// clock runs from there. Not in the future, not before the engagement was assigned; the timeline keeps each one.
/// </summary>
public static class RecordCustomerContact
{
    // Partners assigned to the engagement send it too; every field is part of that use case (nothing beyond it to mass-assign).
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        /// <summary>The engagement's version the form showed.</summary>
        public int Version { get; init; }
        public DateOnly? On { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.On).NotNull().WithMessage("Enter the date of the last customer contact.")
                .LessThanOrEqualTo(_ => EngagementStore.Today(clock)).WithMessage("The date cannot be in the future.");
            RuleFor(c => c).CustomAsync(async (c, ctx, ct) =>
            {
                if (c.On is not DateOnly on) return;
                var assigned = await db.Engagements.Where(x => x.Id == c.EngagementId).Select(x => (DateOnly?)x.AssignedOn).FirstOrDefaultAsync(ct);
                if (assigned is { } a && on < a)
                    ctx.AddFailure(nameof(Command.On), string.Format(CultureInfo.InvariantCulture, "The date cannot be before the engagement was assigned ({0}).",
                        a.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            });
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            EngagementStore.Expect(db, e, request.Version);
            var changes = e.RecordCustomerContact(request.On!.Value, EngagementStore.Today(clock));
            if (changes.Count == 0) return Unit.Value;
            EngagementStore.Audit(db, user, clock, e, "CustomerContactRecorded", changes);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
