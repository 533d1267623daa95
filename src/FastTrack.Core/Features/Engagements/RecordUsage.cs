using System.Globalization;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>Records the active users of one service on a date (history kept; seats come from the customer).</summary>
public static class RecordUsage
{
    // Partners assigned to the engagement send it too; every field is part of that use case (nothing beyond it to mass-assign).
    [AllowedRoles(Roles.Admin, Roles.FastTrackManager)]
    [PartnerIfAssigned]
    public sealed record Command : IRequest<Unit>, IEngagementRequest
    {
        public int EngagementId { get; init; }
        public string Service { get; init; } = "";
        public DateOnly? On { get; init; }
        public int? ActiveUsers { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(FastTrackDbContext db, TimeProvider clock)
        {
            RuleFor(c => c.Service).NotEmpty().WithMessage("Choose the service.");
            RuleFor(c => c.ActiveUsers).NotNull().WithMessage("Enter the number of active users.")
                .GreaterThanOrEqualTo(0).WithMessage("Active users cannot be negative.");
            RuleFor(c => c.On).NotNull().WithMessage("Enter the date of the figure.")
                .LessThanOrEqualTo(_ => EngagementStore.Today(clock)).WithMessage("The date cannot be in the future.");
            RuleFor(c => c).CustomAsync(async (c, ctx, ct) =>
            {
                if (c.ActiveUsers is not int users || c.On is not DateOnly on || string.IsNullOrEmpty(c.Service)) return;
                var e = await db.Engagements.Where(x => x.Id == c.EngagementId)
                    .Select(x => new { x.AssignedOn, Seats = x.Customer.Seats.Where(s => s.Service == c.Service).Select(s => (int?)s.Seats).FirstOrDefault() })
                    .FirstOrDefaultAsync(ct);
                if (e is null) return;
                if (on < e.AssignedOn)
                    ctx.AddFailure(nameof(Command.On), string.Format(CultureInfo.InvariantCulture, "The date cannot be before the engagement was assigned ({0}).", e.AssignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                if (e.Seats is int seats && users > seats)
                    ctx.AddFailure(nameof(Command.ActiveUsers), string.Format(CultureInfo.InvariantCulture, "Active users cannot exceed the customer's {0} seats.", seats));
            });
        }
    }

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ClockSettings> settings) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken ct)
        {
            var e = await EngagementStore.LoadAsync(db, request.EngagementId, ct);
            var r = e.RecordUsage(request.Service, request.On!.Value, request.ActiveUsers!.Value, user.Name, clock.GetUtcNow(), EngagementStore.Today(clock));
            EngagementStore.Audit(db, user, clock, e, "UsageRecorded",
            [
                new FieldChange("Service", null, r.Service),
                new FieldChange("Date", null, r.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new FieldChange("Active users", null, $"{r.ActiveUsers} / {r.Seats} ({r.Percent.ToString(CultureInfo.InvariantCulture)}%)"),
            ]);
            await EngagementStore.RefreshForecastsAsync(db, [e], settings.Value.ForecastPoints, ct);
            await EngagementStore.SaveAsync(db, ct);
            return Unit.Value;
        }
    }
}
