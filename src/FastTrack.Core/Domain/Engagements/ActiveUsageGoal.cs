namespace FastTrack.Domain.Engagements;

/// <summary>The 10% active usage (AU) goal and the enablement complete milestone of one service.</summary>
public static class ActiveUsageGoal
{
    public const decimal GoalPercent = 10m;
    public const int EnablementUsers = 100;
    public const int SmallCustomerSeats = 1_000;

    /// <summary>Active users as a percentage of seats, rounded to one decimal; 0 when there are no seats.</summary>
    public static decimal Percent(int activeUsers, int seats) =>
        seats <= 0 ? 0m : Math.Round(activeUsers * 100m / seats, 1, MidpointRounding.AwayFromZero);

    /// <summary>Users needed for 10%: ceil(10% × seats).</summary>
    public static int UsersForGoal(int seats) => seats <= 0 ? 0 : (seats + 9) / 10;

    /// <summary>The gap in users to the 10% goal: ceil(10% × seats) − active users, never below 0.</summary>
    public static int Gap(int activeUsers, int seats) => Math.Max(0, UsersForGoal(seats) - activeUsers);

    public static bool GoalMet(int activeUsers, int seats) => seats > 0 && Gap(activeUsers, seats) == 0;

    /// <summary>Enablement complete: 100 active users, or 10% for customers under 1,000 seats.</summary>
    public static bool EnablementComplete(int activeUsers, int seats) =>
        seats < SmallCustomerSeats ? seats > 0 && activeUsers >= UsersForGoal(seats) : activeUsers >= EnablementUsers;

    /// <summary>Users still needed for the enablement milestone.</summary>
    public static int EnablementTarget(int seats) => seats < SmallCustomerSeats ? UsersForGoal(seats) : EnablementUsers;
}
