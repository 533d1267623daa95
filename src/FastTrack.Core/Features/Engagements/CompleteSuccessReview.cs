using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Completes task 3735 with the review's outcome: closes the engagement, or starts a new cycle with added services.</summary>
public static class CompleteSuccessReview
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>
    {
        public int EngagementId { get; init; }
        public int Version { get; init; }
        public SuccessReviewOutcome? Outcome { get; init; }
        public string? Note { get; init; }
        /// <summary>For "enable additional workloads": the services the new cycle adds.</summary>
        public List<string> AddedServices { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db)
        {
            RuleFor(c => c.AddedServices).MustAsync(async (services, ct) =>
            {
                var distinct = services.Distinct().ToList();
                return await db.Services.CountAsync(s => distinct.Contains(s.Name), ct) == distinct.Count;
            }).WithMessage("Choose services from the catalogue's list.");
            RuleFor(c => c.Outcome).NotNull().WithMessage("Choose the outcome of the success review.").IsInEnum().WithMessage("Choose the outcome of the success review.");
            RuleFor(c => c.AddedServices).NotEmpty().When(c => c.Outcome == SuccessReviewOutcome.EnableAdditionalWorkloads)
                .WithMessage("Choose the services to enable in the new cycle.");
            RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note is at most 2,000 characters.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            EngagementStore.Expect(db, e, request.Version);
            var playbook = await EngagementStore.PlaybookAsync(db, ct);
            var changes = e.CompleteSuccessReview(request.Outcome!.Value, request.Note, request.AddedServices, playbook, user.Name,
                clock.GetUtcNow(), EngagementStore.Today(clock));
            EngagementStore.Audit(db, user, clock, e, "SuccessReviewCompleted", changes, EngagementVocabulary.OutcomeName(request.Outcome.Value));
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
