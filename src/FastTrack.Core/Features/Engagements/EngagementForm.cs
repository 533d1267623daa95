using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>The fields the create and edit forms share.</summary>
public interface IEngagementFields
{
    string ManagerId { get; }
    string? PartnerName { get; }
    EngagementMotion Motion { get; }
    List<string> Services { get; }
    DateOnly? AssignedOn { get; }
    DateOnly? StartOn { get; }
    DateOnly? TargetEnablementOn { get; }
    DateOnly? TargetSuccessReviewOn { get; }
}

internal static class EngagementRules
{
    public static readonly DateOnly Earliest = new(2015, 1, 1);

    public static void Apply<T>(AbstractValidator<T> v, FastTrackDbContext db) where T : IEngagementFields
    {
        v.RuleFor(c => c.ManagerId).NotEmpty().WithMessage("Choose the FastTrack manager.")
            .MustAsync(async (id, ct) => await EngagementStore.ManagerIds(db).AnyAsync(u => u == id, ct))
            .When(c => !string.IsNullOrEmpty(c.ManagerId)).WithMessage("The FastTrack manager must be a user with the FastTrack manager role.");
        v.RuleFor(c => c.PartnerName).MaximumLength(200).WithMessage("The partner name is at most 200 characters.");
        v.RuleFor(c => c.Motion).IsInEnum().WithMessage("Choose the motion.");
        v.RuleFor(c => c.Services).NotEmpty().WithMessage("Choose at least one service in scope.")
            .MustAsync(async (services, ct) =>
            {
                var distinct = services.Distinct().ToList();
                return await db.Services.CountAsync(s => distinct.Contains(s.Name), ct) == distinct.Count;
            }).WithMessage("Choose services from the catalogue's list.");
        v.RuleFor(c => c.AssignedOn).NotNull().WithMessage("Enter the date the engagement was assigned.")
            .InclusiveBetween(Earliest, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1)).WithMessage("Enter an assigned date between 2015 and a year from today.");
        v.RuleFor(c => c.StartOn).GreaterThanOrEqualTo(c => c.AssignedOn).When(c => c.AssignedOn is not null && c.StartOn is not null)
            .WithMessage("The start date cannot be before the assigned date.");
        v.RuleFor(c => c.TargetEnablementOn).GreaterThanOrEqualTo(c => c.AssignedOn).When(c => c.AssignedOn is not null && c.TargetEnablementOn is not null)
            .WithMessage("The target date cannot be before the assigned date.");
        v.RuleFor(c => c.TargetSuccessReviewOn).GreaterThanOrEqualTo(c => c.AssignedOn).When(c => c.AssignedOn is not null && c.TargetSuccessReviewOn is not null)
            .WithMessage("The target date cannot be before the assigned date.");
        v.RuleFor(c => c.StartOn).Must(NotTooLate).WithMessage(TooLate);
        v.RuleFor(c => c.TargetEnablementOn).Must(NotTooLate).WithMessage(TooLate);
        v.RuleFor(c => c.TargetSuccessReviewOn).Must(NotTooLate).WithMessage(TooLate);
    }

    private const string TooLate = "A planned date is at most three years from today.";

    /// <summary><see cref="TargetDateWindow"/>, checked with the fields (the domain checks it again where it knows today).</summary>
    public static bool NotTooLate(DateOnly? date) =>
        date is null || date <= DateOnly.FromDateTime(DateTime.UtcNow).AddYears(TargetDateWindow.Years);

    public static EngagementDates Dates(IEngagementFields c) => new(c.AssignedOn!.Value, c.StartOn, c.TargetEnablementOn, c.TargetSuccessReviewOn);
}

/// <summary>The lists the engagement forms and filters choose from.</summary>
public static class GetEngagementLookups
{
    [AnySignedInUser]
    public sealed record Query : IRequest<Result>;

    public sealed record Option(string Value, string Text);

    public sealed record Result(IReadOnlyList<Option> Customers, IReadOnlyList<Option> Managers, IReadOnlyList<Option> Partners,
        IReadOnlyList<string> Services, IReadOnlyList<PhaseOption> Phases)
    {
        /// <summary>The new engagement form's phase plan: each phase with a process and its default (<see cref="PhasePlan"/>); not on the filters.</summary>
        public IReadOnlyList<PlanPhase> PlanPhases { get; init; } = [];
    }

    /// <param name="Always">Initiate, Assess, Success: every engagement goes through it.</param>
    /// <param name="DefaultOn">In the plan by default; else only with one of <paramref name="DefaultWith"/> in scope.</param>
    public sealed record PlanPhase(int Id, string NameEn, string? NameJa, string? NameZh, bool Always, bool DefaultOn, IReadOnlyList<string> DefaultWith)
    {
        public string Name() => Domain.Common.Localized.Pick(NameEn, NameJa, NameZh);
        public bool AppliesByDefault(IReadOnlyCollection<string> services) =>
            DefaultOn || services.Any(s => DefaultWith.Contains(s, StringComparer.OrdinalIgnoreCase));
    }

    public sealed record PhaseOption(int Id, string NameEn, string? NameJa, string? NameZh)
    {
        public string Name() => Domain.Common.Localized.Pick(NameEn, NameJa, NameZh);
    }

    /// <summary>
    /// The lists the engagement list's filters choose from (managers, partners, services, phases), read in one
    /// query (UNION ALL) rather than four: the list page's query budget is three commands.
    /// </summary>
    [AnySignedInUser]
    public sealed record FilterQuery : IRequest<Result>;

    private sealed class LookupRow
    {
        public int Kind { get; init; }
        public string Value { get; init; } = "";
        public string Text { get; init; } = "";
        public string? Ja { get; init; }
        public string? Zh { get; init; }
        public int Order { get; init; }
    }

    internal sealed class FilterHandler(FastTrackDbContext db, ICurrentUser user, Common.Caching.ReadCache cache) : IRequestHandler<FilterQuery, Result>
    {
        // The choices change only with the directory (users, organisations) and the catalogue (services, phases): cached,
        // and read again when either counter moved. A partner sees only their organisation, so the key holds the scope.
        public async Task<Result> Handle(FilterQuery request, CancellationToken ct)
        {
            var stamp = await RevisionStamps.SharedAsync(db);
            var scope = AccessScope.ScopeKey(user);
            // A partner's managers are those of their organisation's engagements, which change with the engagements counter.
            return await cache.GetOrReadAsync((nameof(FilterQuery), stamp.Catalogue, stamp.Directory, scope, scope is null ? 0 : stamp.Engagements),
                () => ReadAsync(scope is not null, ct),
                x => Common.Caching.Weigh.Row + new[] { x.Customers, x.Managers, x.Partners }.Sum(options => Common.Caching.Weigh.List(options.Count)
                        + options.Sum(o => Common.Caching.Weigh.Row + Common.Caching.Weigh.Text(o.Value) + Common.Caching.Weigh.Text(o.Text)))
                    + x.Services.Sum(Common.Caching.Weigh.Text) + x.Phases.Sum(p => Common.Caching.Weigh.Row + Common.Caching.Weigh.Text(p.NameEn)
                        + Common.Caching.Weigh.Text(p.NameJa) + Common.Caching.Weigh.Text(p.NameZh)));
        }

        private async Task<Result> ReadAsync(bool partner, CancellationToken ct)
        {
            var fms = db.Users.Where(u => EngagementStore.ManagerIds(db).Contains(u.Id) && !u.IsDisabled);
            // A partner chooses only among the managers of engagements they can see (the engagements' partner filter):
            // the names and addresses of the others are none of their business (issue 22).
            if (partner) fms = fms.Where(u => db.Engagements.Any(e => e.ManagerId == u.Id));
            var managers = fms
                .Select(u => new LookupRow { Kind = 0, Value = u.Id, Text = u.DisplayName + " <" + u.Email + ">", Ja = null, Zh = null, Order = 0 });
            var partners = db.PartnerOrganisations.Select(p => new LookupRow { Kind = 1, Value = p.Id.ToString(), Text = p.Name, Ja = null, Zh = null, Order = 0 });
            var services = db.Services.Select(s => new LookupRow { Kind = 2, Value = s.Name, Text = s.Name, Ja = null, Zh = null, Order = 0 });
            var phases = db.Phases.Select(p => new LookupRow { Kind = 3, Value = p.Id.ToString(), Text = p.NameEn, Ja = p.NameJa, Zh = p.NameZh, Order = p.Order });
            var rows = await managers.Concat(partners).Concat(services).Concat(phases).ToListAsync(ct);
            List<Option> Of(int kind) => rows.Where(r => r.Kind == kind).OrderBy(r => r.Text, StringComparer.Ordinal).Select(r => new Option(r.Value, r.Text)).ToList();
            return new Result([], Of(0), Of(1), Of(2).Select(o => o.Value).ToList(),
                rows.Where(r => r.Kind == 3).OrderBy(r => r.Order).Select(r => new PhaseOption(int.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture), r.Text, r.Ja, r.Zh)).ToList());
        }
    }

    internal sealed class Handler(FastTrackDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken ct)
        {
            var customers = await db.Customers.OrderBy(c => c.Name).Take(1000)
                .Select(c => new Option(c.Id.ToString(), c.Name + " (" + c.TenantDomain + ")")).ToListAsync(ct);
            var managers = await db.Users.Where(u => EngagementStore.ManagerIds(db).Contains(u.Id) && !u.IsDisabled)
                .OrderBy(u => u.DisplayName).Select(u => new Option(u.Id, u.DisplayName + " <" + u.Email + ">")).ToListAsync(ct);
            var partners = await db.PartnerOrganisations.OrderBy(p => p.Name).Select(p => new Option(p.Id.ToString(), p.Name)).ToListAsync(ct);
            var services = await db.Services.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
            var playbook = new Playbook(await db.Phases.Include(p => p.Processes).ToListAsync(ct));
            var phases = playbook.Phases.Select(p => new PhaseOption(p.Id, p.NameEn, p.NameJa, p.NameZh)).ToList();
            var plan = playbook.Phases.Where(p => p.Processes.Count > 0).Select(p =>
            {
                var (on, with) = PhasePlan.DefaultRule(p, playbook);
                return new PlanPhase(p.Id, p.NameEn, p.NameJa, p.NameZh, PhasePlan.AlwaysApplies(p, playbook), on, with);
            }).ToList();
            return new Result(customers, managers, partners, services, phases) { PlanPhases = plan };
        }
    }
}
