using FastTrack.Domain.Engagements;

namespace FastTrack.Tests.Engagements;

public class UsageForecastTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private static (DateOnly, decimal)[] Points(params (int Day, decimal Percent)[] points) =>
        [.. points.Select(p => (Jan1.AddDays(p.Day), p.Percent))];

    [Fact]
    public void A_straight_rise_projects_10_and_40_percent_where_the_line_crosses_them()
    {
        var f = UsageForecast.From(Points((0, 2m), (10, 4m), (20, 6m)));
        Assert.Equal(3, f.Points);
        Assert.Equal(6.0m, f.TrendPer30Days); // 0.2 points a day
        Assert.Equal(new GoalProjection(10m, ProjectionState.Projected, new DateOnly(2026, 2, 10)), f.Goal10); // day 40
        Assert.Equal(new GoalProjection(40m, ProjectionState.Projected, new DateOnly(2026, 7, 10)), f.Goal40); // day 190
    }

    [Fact]
    public void The_least_squares_line_through_scattered_points_rounds_its_day_up()
    {
        // slope 0.2, intercept 0.9: 10 % on day 45.5 → 46, 40 % on day 195.5 → 196.
        var f = UsageForecast.From(Points((0, 1m), (7, 2m), (14, 4m), (21, 5m)));
        Assert.Equal(6.0m, f.TrendPer30Days);
        Assert.Equal(new DateOnly(2026, 2, 16), f.Goal10.On);
        Assert.Equal(new DateOnly(2026, 7, 16), f.Goal40.On);
        Assert.Equal(0.9, f.Intercept, 6);
        Assert.Equal(5.1, f.PercentOn(Jan1.AddDays(21)), 6);
    }

    [Fact]
    public void Only_the_latest_points_of_the_window_count()
    {
        // The first two points (a fall) are outside a window of 3: the line is the last three's.
        var f = UsageForecast.From(Points((0, 30m), (5, 20m), (10, 2m), (20, 4m), (30, 6m)), window: 3);
        Assert.Equal(3, f.Points);
        Assert.Equal(6.0m, f.TrendPer30Days);
        Assert.Equal(new DateOnly(2026, 2, 20), f.Goal10.On); // day 10 + 40
    }

    [Fact]
    public void Fewer_than_three_points_are_not_enough_data()
    {
        var f = UsageForecast.From(Points((0, 2m), (10, 4m)));
        Assert.False(f.EnoughData);
        Assert.Null(f.TrendPer30Days);
        Assert.Equal(ProjectionState.NotEnoughData, f.Goal10.State);
        Assert.Equal(ProjectionState.NotEnoughData, f.Goal40.State);
        Assert.Equal(ProjectionState.NotEnoughData, UsageForecast.From([]).Goal10.State);
    }

    [Fact]
    public void Three_points_on_one_day_are_not_enough_data_either()
    {
        var f = UsageForecast.From(Points((3, 2m), (3, 4m), (3, 5m)));
        Assert.False(f.EnoughData);
    }

    [Fact]
    public void A_flat_or_falling_trend_gives_no_date()
    {
        var flat = UsageForecast.From(Points((0, 5m), (10, 5m), (20, 5m)));
        Assert.Equal(0m, flat.TrendPer30Days);
        Assert.Equal(new GoalProjection(10m, ProjectionState.FlatOrFalling, null), flat.Goal10);
        var falling = UsageForecast.From(Points((0, 8m), (10, 6m), (20, 4m)));
        Assert.Equal(-6.0m, falling.TrendPer30Days);
        Assert.Equal(ProjectionState.FlatOrFalling, falling.Goal10.State);
        Assert.Equal(ProjectionState.FlatOrFalling, falling.Goal40.State);
    }

    [Fact]
    public void A_goal_already_reached_on_the_latest_figure_is_reached_whatever_the_trend()
    {
        var f = UsageForecast.From(Points((0, 14m), (10, 13m), (20, 12m)));
        Assert.Equal(ProjectionState.Reached, f.Goal10.State);
        Assert.Equal(ProjectionState.FlatOrFalling, f.Goal40.State);
        var rising = UsageForecast.From(Points((0, 8m), (10, 11m), (20, 14m)));
        Assert.Equal(ProjectionState.Reached, rising.Goal10.State);
        Assert.Equal(new DateOnly(2026, 4, 18), rising.Goal40.On); // 8 + 0.3 × day = 40 → day 106.67 → 107
    }

    [Fact]
    public void A_crossing_behind_the_latest_figure_is_projected_for_the_day_after_it()
    {
        // The line (slope 0.45, intercept 2.5) crosses 10 % on day 16.7, but the latest figure (day 20) is 9 %.
        var f = UsageForecast.From(Points((0, 0m), (10, 12m), (20, 9m)));
        Assert.Equal(13.5m, f.TrendPer30Days);
        Assert.Equal(Jan1.AddDays(21), f.Goal10.On);
        Assert.Equal(new DateOnly(2026, 3, 26), f.Goal40.On); // day 84
    }

    [Fact]
    public void A_trend_too_slow_to_arrive_within_ten_years_gives_no_date()
    {
        var f = UsageForecast.From(Points((0, 1m), (300, 1.1m), (600, 1.2m)));
        Assert.Equal(0m, f.TrendPer30Days); // 0.01 points per 30 days rounds to 0.0
        Assert.Equal(ProjectionState.FlatOrFalling, f.Goal10.State);
        var slow = UsageForecast.From(Points((0, 1m), (300, 2m), (600, 3m))); // 0.1 per 30 days: 10 % on day 2700, 40 % beyond ten years
        Assert.Equal(ProjectionState.Projected, slow.Goal10.State);
        Assert.Equal(ProjectionState.FlatOrFalling, slow.Goal40.State);
    }
}

public class TargetCheckTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("2026-07-01", false, true, "2026-07-15", TargetStanding.ForecastSlipped)]
    [InlineData("2026-07-01", false, true, "2026-06-20", TargetStanding.OnTrack)]
    [InlineData("2026-07-01", false, true, null, TargetStanding.ForecastSlipped)] // flat: never at this trend
    [InlineData("2026-07-01", false, false, null, TargetStanding.OnTrack)]        // not enough data says nothing
    [InlineData("2026-05-31", false, true, "2026-06-20", TargetStanding.TargetPassed)]
    [InlineData("2026-05-31", true, true, null, TargetStanding.OnTrack)]          // the goal is met
    [InlineData("2026-06-01", false, true, "2026-06-01", TargetStanding.OnTrack)]  // the target day itself
    [InlineData(null, false, true, "2026-07-15", TargetStanding.OnTrack)]
    public void Holds_the_committed_target_against_the_forecast(string? target, bool goalMet, bool enoughData, string? projected, TargetStanding expected) =>
        Assert.Equal(expected, TargetCheck.Stand(target is null ? null : DateOnly.Parse(target), goalMet, enoughData,
            projected is null ? null : DateOnly.Parse(projected), Today));
}
