namespace FastTrack.Domain.Engagements;

/// <summary>Where one goal stands for a service: not enough data, already reached, a projected date, or no date at this trend.</summary>
public enum ProjectionState { NotEnoughData, Reached, Projected, FlatOrFalling }

/// <param name="Goal">The AU % goal (10 or 40).</param>
/// <param name="On">The day the trend line reaches the goal (only when <see cref="State"/> is Projected).</param>
public sealed record GoalProjection(decimal Goal, ProjectionState State, DateOnly? On);

/// <summary>
/// The active usage forecast of one service: a least-squares line through its latest usage points (AU % against the
/// day), its slope as percentage points per 30 days, and the day the line reaches 10 % and 40 % AU. Pure: the same
/// points give the same forecast (docs/engagements.md, "Forecasts").
/// </summary>
/// <param name="Points">How many points the line was drawn through (the latest ones, at most the window).</param>
/// <param name="TrendPer30Days">Percentage points per 30 days, one decimal; null with fewer than <see cref="MinimumPoints"/> points.</param>
/// <param name="Intercept">AU % of the line on <see cref="FirstOn"/> (for drawing it).</param>
/// <param name="SlopePerDay">Percentage points per day (for drawing it).</param>
public sealed record UsageForecast(int Points, DateOnly? FirstOn, DateOnly? LatestOn, decimal? LatestPercent, decimal? TrendPer30Days,
    double Intercept, double SlopePerDay, GoalProjection Goal10, GoalProjection Goal40)
{
    /// <summary>Fewer points than this are "not enough data".</summary>
    public const int MinimumPoints = 3;

    /// <summary>The points a forecast is drawn through unless the settings say otherwise (Clocks:ForecastPoints).</summary>
    public const int DefaultWindow = 6;

    public const decimal FirstGoal = ActiveUsageGoal.GoalPercent;
    public const decimal SecondGoal = 40m;

    /// <summary>A projection further out than this many days is reported as no date (the trend is as good as flat).</summary>
    public const int HorizonDays = 3650;

    public bool EnoughData => TrendPer30Days is not null;

    /// <summary>The line's AU % on a day (only meaningful with <see cref="EnoughData"/>).</summary>
    public double PercentOn(DateOnly day) => FirstOn is { } first ? Intercept + SlopePerDay * (day.DayNumber - first.DayNumber) : 0;

    /// <summary>The forecast of one service from its usage points (any order; several on one day are all used).</summary>
    public static UsageForecast From(IEnumerable<(DateOnly On, decimal Percent)> points, int window = DefaultWindow)
    {
        if (window < MinimumPoints) window = MinimumPoints;
        var used = points.OrderBy(p => p.On).TakeLast(window).ToList();
        var latest = used.Count == 0 ? ((DateOnly On, decimal Percent)?)null : used[^1];
        GoalProjection Reached(decimal goal) => new(goal, ProjectionState.Reached, null);
        if (used.Count < MinimumPoints || used.Select(p => p.On).Distinct().Count() < 2)
        {
            DateOnly? firstOn = used.Count > 0 ? used[0].On : null;
            return new UsageForecast(used.Count, firstOn, latest?.On, latest?.Percent, null, 0, 0,
                latest?.Percent >= FirstGoal ? Reached(FirstGoal) : new GoalProjection(FirstGoal, ProjectionState.NotEnoughData, null),
                latest?.Percent >= SecondGoal ? Reached(SecondGoal) : new GoalProjection(SecondGoal, ProjectionState.NotEnoughData, null));
        }

        // Least squares over x = days since the first point used, y = AU %.
        var first = used[0].On;
        var xs = used.Select(p => (double)(p.On.DayNumber - first.DayNumber)).ToList();
        var ys = used.Select(p => (double)p.Percent).ToList();
        double mx = xs.Average(), my = ys.Average();
        double sxy = 0, sxx = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        var trend = Math.Round((decimal)(slope * 30), 1, MidpointRounding.AwayFromZero);

        GoalProjection Project(decimal goal)
        {
            if (latest!.Value.Percent >= goal) return Reached(goal);
            if (trend <= 0) return new GoalProjection(goal, ProjectionState.FlatOrFalling, null);
            var day = (int)Math.Ceiling(((double)goal - intercept) / slope);
            // The line can cross the goal behind the latest point (that point lies under the line): the goal is not reached
            // yet, so the earliest it can be is the day after the latest figure.
            var on = first.AddDays(Math.Max(day, latest.Value.On.DayNumber - first.DayNumber + 1));
            return on.DayNumber - latest.Value.On.DayNumber > HorizonDays
                ? new GoalProjection(goal, ProjectionState.FlatOrFalling, null)
                : new GoalProjection(goal, ProjectionState.Projected, on);
        }

        return new UsageForecast(used.Count, first, latest!.Value.On, latest.Value.Percent, trend, intercept, slope, Project(FirstGoal), Project(SecondGoal));
    }
}

/// <summary>How a service's committed target date stands against its forecast.</summary>
public enum TargetStanding
{
    /// <summary>No target, the goal is met, or nothing says the date is at risk.</summary>
    OnTrack,
    /// <summary>The projected 10 % date falls after the target (or the trend is flat or falling).</summary>
    ForecastSlipped,
    /// <summary>The target date has passed and AU is still under 10 %.</summary>
    TargetPassed,
}

/// <summary>The committed target date against the forecast: one rule, used by the page, the portfolio and the clocks.</summary>
public static class TargetCheck
{
    /// <param name="goalMet">AU on the latest figure is at the 10 % goal (or the service's success criterion is met).</param>
    /// <param name="enoughData">The forecast has at least <see cref="UsageForecast.MinimumPoints"/> points.</param>
    /// <param name="projectedOn">The projected 10 % date; null when the trend is flat or falling.</param>
    public static TargetStanding Stand(DateOnly? targetOn, bool goalMet, bool enoughData, DateOnly? projectedOn, DateOnly today)
    {
        if (targetOn is not { } target || goalMet) return TargetStanding.OnTrack;
        if (target < today) return TargetStanding.TargetPassed;
        if (enoughData && (projectedOn is null || projectedOn > target)) return TargetStanding.ForecastSlipped;
        return TargetStanding.OnTrack;
    }
}
