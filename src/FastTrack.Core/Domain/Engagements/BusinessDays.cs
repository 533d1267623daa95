namespace FastTrack.Domain.Engagements;

/// <summary>Business days are Monday to Friday (public holidays are not modelled).</summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The date <paramref name="days"/> business days after <paramref name="start"/> (a weekend start counts from Monday).</summary>
    public static DateOnly Add(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var d = start;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (IsBusinessDay(d)) days--;
        }
        return d;
    }
}

/// <summary>RFA first contact: the customer is contacted (task 3616) within 2 business days of assignment.</summary>
public static class RfaFirstContact
{
    public const int BusinessDaysAllowed = 2;

    public static DateOnly? DueOn(EngagementMotion motion, DateOnly assignedOn) =>
        motion == EngagementMotion.Rfa ? BusinessDays.Add(assignedOn, BusinessDaysAllowed) : null;

    public static bool IsOverdue(DateOnly? dueOn, bool contacted, DateOnly today) =>
        dueOn is { } due && !contacted && today > due;
}
