using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;

namespace FastTrack.Tests.Engagements;

public class BusinessDaysTests
{
    [Theory]
    [InlineData("2026-11-23", "2026-11-25")] // Monday → Wednesday
    [InlineData("2026-11-26", "2026-11-30")] // Thursday → Monday, across the weekend
    [InlineData("2026-11-27", "2026-12-01")] // Friday → Tuesday
    [InlineData("2026-11-28", "2026-12-01")] // Saturday → Tuesday (Monday is the first business day)
    [InlineData("2026-11-29", "2026-12-01")] // Sunday → Tuesday
    public void Two_business_days_after_skips_weekends(string assigned, string due) =>
        Assert.Equal(DateOnly.Parse(due), BusinessDays.Add(DateOnly.Parse(assigned), 2));

    [Fact]
    public void Rfa_first_contact_is_due_two_business_days_after_assignment_and_overdue_the_day_after()
    {
        var friday = new DateOnly(2026, 11, 27);
        var due = RfaFirstContact.DueOn(EngagementMotion.Rfa, friday);
        Assert.Equal(new DateOnly(2026, 12, 1), due);
        Assert.False(RfaFirstContact.IsOverdue(due, false, new DateOnly(2026, 12, 1)));
        Assert.True(RfaFirstContact.IsOverdue(due, false, new DateOnly(2026, 12, 2)));
        Assert.False(RfaFirstContact.IsOverdue(due, true, new DateOnly(2026, 12, 2)));
        Assert.Null(RfaFirstContact.DueOn(EngagementMotion.Targeting, friday));
    }
}

public class ActiveUsageGoalTests
{
    [Theory]
    [InlineData(0, 1000, 100)]
    [InlineData(99, 1000, 1)]
    [InlineData(100, 1000, 0)]
    [InlineData(150, 1000, 0)]
    [InlineData(0, 1001, 101)] // ceil(100.1)
    [InlineData(100, 1001, 1)]
    [InlineData(0, 5, 1)]
    [InlineData(0, 0, 0)]
    public void Gap_is_ceil_ten_percent_of_seats_minus_active_users(int active, int seats, int gap) =>
        Assert.Equal(gap, ActiveUsageGoal.Gap(active, seats));

    [Theory]
    [InlineData(99, 1000, false)]
    [InlineData(100, 1000, true)] // 1,000 seats and more: 100 active users
    [InlineData(100, 50_000, true)]
    [InlineData(99, 50_000, false)]
    [InlineData(99, 999, false)] // under 1,000 seats: 10% (ceil 99.9 = 100)
    [InlineData(100, 999, true)]
    [InlineData(50, 500, true)]
    [InlineData(49, 500, false)]
    [InlineData(0, 0, false)]
    public void Enablement_complete_is_100_users_or_10_percent_under_1000_seats(int active, int seats, bool complete) =>
        Assert.Equal(complete, ActiveUsageGoal.EnablementComplete(active, seats));

    [Fact]
    public void Percent_is_rounded_to_one_decimal() => Assert.Equal(6.5m, ActiveUsageGoal.Percent(65, 1000));
}

public class CsmHandshakeRuleTests
{
    [Fact]
    public void Handshake_services_need_a_csm_and_a_modern_comms_service()
    {
        Assert.Empty(CsmHandshakeRule.HandshakeServices(false, [ServiceNames.Teams]));
        Assert.Equal([ServiceNames.OutlookMobile, ServiceNames.Teams],
            CsmHandshakeRule.HandshakeServices(true, [ServiceNames.Teams, ServiceNames.SharePoint, ServiceNames.OutlookMobile]));
        Assert.True(CsmHandshakeRule.IncludesTask(3732, true, [ServiceNames.Yammer]));
        Assert.False(CsmHandshakeRule.IncludesTask(3731, true, [ServiceNames.Yammer]));
    }
}
