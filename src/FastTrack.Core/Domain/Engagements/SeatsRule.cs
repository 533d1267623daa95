using System.Globalization;
using FastTrack.Domain.Common;
using FastTrack.Domain.Customers;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// Seats and usage agree: a service is in scope of an engagement only where the customer has seats of it, and while an
/// engagement is active its services keep seats, never fewer than the active users last recorded (AU% stays 0–100 %).
/// </summary>
public static class SeatsRule
{
    public const string NoSeats = "The customer has no seats of {0}: record its licensed seats on the customer first.";
    public const string InScope = "{0} is in scope of engagement #{1}: it needs licensed seats while the engagement runs.";
    public const string BelowUsage = "{0} cannot go below {1} seats: engagement #{2} recorded {1} active users on {3}.";

    /// <summary>The services of <paramref name="services"/> the customer has no seats of.</summary>
    public static IReadOnlyList<string> Unlicensed(Customer customer, IEnumerable<string> services) =>
        services.Where(s => (customer.SeatsFor(s) ?? 0) <= 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static void EnsureLicensed(Customer customer, IEnumerable<string> services)
    {
        var missing = Unlicensed(customer, services);
        if (missing.Count > 0) throw new DomainException(NoSeats, string.Join(", ", missing));
    }

    /// <summary>Refuses new seats of a customer that would leave a service of an active engagement without seats or below its usage.</summary>
    public static void EnsureCovered(IReadOnlyCollection<(string Service, int Seats)> seats, IEnumerable<Engagement> engagements)
    {
        foreach (var e in engagements.Where(e => e.State == EngagementState.Active).OrderBy(e => e.Id))
        foreach (var s in e.Services)
        {
            var count = seats.Where(x => string.Equals(x.Service, s.Service, StringComparison.OrdinalIgnoreCase)).Select(x => x.Seats).FirstOrDefault();
            if (count <= 0) throw new DomainException(InScope, s.Service, e.Id);
            if (s.LatestActiveUsers is { } used && count < used)
                throw new DomainException(BelowUsage, s.Service, used, e.Id, s.LatestUsageOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        }
    }
}

/// <summary>A planned date (start, target enablement, target success review, a workload's target) lies between the engagement's assigned date and three years from today.</summary>
public static class TargetDateWindow
{
    public const int Years = 3;
    public const string TooLate = "A planned date is at most three years from today (until {0}).";

    public static void Ensure(DateOnly? date, DateOnly today)
    {
        var latest = today.AddYears(Years);
        if (date is { } d && d > latest) throw new DomainException(TooLate, latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
