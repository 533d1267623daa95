using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;

namespace FastTrack.Features.Engagements;

/// <summary>Captures a service's DIBS and SSAT (at kickoff, updated at the success workshop) and its customer-defined success criterion.</summary>
public static class SaveServicePlan
{
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Query(int EngagementId, string Service) : IRequest<Command>;

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    public sealed record Command : IRequest<Unit>
    {
        public int EngagementId { get; init; }
        public string Service { get; init; } = "";
        public int Version { get; init; }
        public DateOnly? DibsDate { get; init; }
        public string? DibsIntent { get; init; }
        public string? DibsBusinessReason { get; init; }
        public string? DibsSuccessOwner { get; init; }
        public SsatStatus StakeholdersStatus { get; init; }
        public string? StakeholdersNote { get; init; }
        public SsatStatus ScenariosStatus { get; init; }
        public string? ScenariosNote { get; init; }
        public SsatStatus AwarenessStatus { get; init; }
        public string? AwarenessNote { get; init; }
        public SsatStatus TrainingStatus { get; init; }
        public string? TrainingNote { get; init; }
        public string? SuccessCriterion { get; init; }
        public bool SuccessCriterionMet { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Service).NotEmpty().WithMessage("Choose the service.");
            RuleFor(c => c.DibsDate).InclusiveBetween(new DateOnly(2015, 1, 1), new DateOnly(2100, 1, 1)).When(c => c.DibsDate is not null)
                .WithMessage("Enter a date between 2015 and 2100.");
            RuleFor(c => c.DibsIntent).MaximumLength(1000).WithMessage("The intent is at most 1,000 characters.");
            RuleFor(c => c.DibsBusinessReason).Must(r => EngagementVocabulary.BusinessReasons.Contains(r)).When(c => !string.IsNullOrEmpty(c.DibsBusinessReason))
                .WithMessage("Choose a business reason from the list.");
            RuleFor(c => c.DibsSuccessOwner).MaximumLength(200).WithMessage("The success owner is at most 200 characters.");
            foreach (var note in new System.Linq.Expressions.Expression<Func<Command, string?>>[] { c => c.StakeholdersNote, c => c.ScenariosNote, c => c.AwarenessNote, c => c.TrainingNote })
                RuleFor(note).MaximumLength(1000).WithMessage("The note is at most 1,000 characters.");
            RuleFor(c => c.SuccessCriterion).MaximumLength(1000).WithMessage("The success criterion is at most 1,000 characters.");
            RuleFor(c => c.SuccessCriterion).NotEmpty().When(c => c.SuccessCriterionMet).WithMessage("Describe the success criterion before marking it met.");
        }
    }

    internal sealed class QueryHandler(FastTrackDbContext db) : IRequestHandler<Query, Command>
    {
        public async Task<Command> Handle(Query request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var s = e.Service(request.Service);
            return new Command
            {
                EngagementId = e.Id, Service = s.Service, Version = s.Version, DibsDate = s.DibsDate, DibsIntent = s.DibsIntent,
                DibsBusinessReason = s.DibsBusinessReason, DibsSuccessOwner = s.DibsSuccessOwner,
                StakeholdersStatus = s.StakeholdersStatus, StakeholdersNote = s.StakeholdersNote, ScenariosStatus = s.ScenariosStatus,
                ScenariosNote = s.ScenariosNote, AwarenessStatus = s.AwarenessStatus, AwarenessNote = s.AwarenessNote,
                TrainingStatus = s.TrainingStatus, TrainingNote = s.TrainingNote, SuccessCriterion = s.SuccessCriterion,
                SuccessCriterionMet = s.SuccessCriterionMet,
            };
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command r, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, r.EngagementId, ct);
            var service = e.Service(r.Service);
            if (service.Version != r.Version) throw new ConcurrencyConflictException(Customers.Conflicts.Engagement);
            db.Entry(service).Property(s => s.Version).OriginalValue = r.Version;
            var changes = e.SaveServicePlan(r.Service, new ServicePlan(r.DibsDate, r.DibsIntent, r.DibsBusinessReason, r.DibsSuccessOwner,
                r.StakeholdersStatus, r.StakeholdersNote, r.ScenariosStatus, r.ScenariosNote, r.AwarenessStatus, r.AwarenessNote,
                r.TrainingStatus, r.TrainingNote, r.SuccessCriterion, r.SuccessCriterionMet));
            if (changes.Count == 0) return Unit.Value;
            EngagementStore.Audit(db, user, clock, e, "ServicePlanSaved", changes, service.Service);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
