using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Alerts;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Alerts;

/// <summary>The signed-in user's delivery per alert kind (Daily where they chose nothing), for their profile page.</summary>
public static class GetAlertPreferences
{
    [AnySignedInUser]
    public sealed record Query : IRequest<IReadOnlyList<SaveAlertPreferences.Choice>>;

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<SaveAlertPreferences.Choice>>
    {
        public async Task<IReadOnlyList<SaveAlertPreferences.Choice>> Handle(Query request, CancellationToken ct)
        {
            var chosen = (await db.AlertPreferences.Where(p => p.UserId == user.Id).ToListAsync(ct)).ToDictionary(p => p.Kind, p => p.Delivery);
            return Enum.GetValues<AlertKind>().Select(k => new SaveAlertPreferences.Choice { Kind = k, Delivery = chosen.GetValueOrDefault(k, AlertPreference.Default) }).ToList();
        }
    }
}

/// <summary>Saves the signed-in user's delivery for each alert kind: Immediate, Daily or Off.</summary>
public static class SaveAlertPreferences
{
    public sealed record Choice
    {
        public AlertKind Kind { get; init; }
        public AlertDelivery Delivery { get; init; } = AlertPreference.Default;
    }

    [AnySignedInUser]
    public sealed record Command : IRequest<Unit>
    {
        public List<Choice> Choices { get; init; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Choices).NotEmpty().WithMessage("Choose how you hear of each kind of alert.")
                .Must(c => c.Select(x => x.Kind).Distinct().Count() == c.Count).WithMessage("Choose how you hear of each kind of alert.");
            RuleForEach(c => c.Choices).Must(x => Enum.IsDefined(x.Kind) && Enum.IsDefined(x.Delivery))
                .WithMessage("Choose Immediate, Daily or Off.");
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var existing = (await db.AlertPreferences.AsTracking().Where(p => p.UserId == user.Id).ToListAsync(ct)).ToDictionary(p => p.Kind);
            foreach (var c in request.Choices)
            {
                if (existing.TryGetValue(c.Kind, out var row)) row.Delivery = c.Delivery;
                else db.AlertPreferences.Add(new AlertPreference(user.Id!, c.Kind, c.Delivery));
            }
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
