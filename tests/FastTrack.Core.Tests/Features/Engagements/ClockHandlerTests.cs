using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Engagements;

/// <summary>The clocks' and forecasts' use cases over a real database, and the portfolio's clock sections against <see cref="Clocks.Evaluate"/>.</summary>
public class ClockHandlerTests
{
    private static readonly ClockSettings Defaults = new();

    [Fact]
    public async Task Every_target_date_change_is_in_the_timeline_with_who_and_why_and_a_stale_form_is_refused()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var code = WorkloadStatusCodes.All.First(c => c.L1 == WorkloadStatusCodes.InProgress);
        await f.Send(new SetWorkloadStatus.Command { EngagementId = id, Service = ServiceNames.Teams, Code = $"{code.L1}|{code.L2}|{code.L3}", TargetOn = new DateOnly(2026, 12, 10) });
        await f.Send(new SetServiceTarget.Command { EngagementId = id, Service = ServiceNames.Teams, Version = 0, TargetOn = new DateOnly(2026, 12, 20), Reason = "Licences arrive later." });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => f.Send(new SetServiceTarget.Command
            { EngagementId = id, Service = ServiceNames.Teams, Version = 0, TargetOn = new DateOnly(2026, 12, 24), Reason = "Stale form" }));
        var refused = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new SetServiceTarget.Command { EngagementId = id, Service = ServiceNames.Teams, Version = 1 }));
        Assert.Equal(["TargetOn", "Reason"], refused.Errors.Select(e => e.PropertyName));

        await using var db = f.Context();
        var service = await db.EngagementServices.SingleAsync(s => s.EngagementId == id);
        Assert.Equal((new DateOnly(2026, 12, 20), "Licences arrive later.", 1), (service.TargetOn, service.TargetReason, service.Version));
        var rows = await db.AuditEntries.Where(a => a.EntityType == AuditEntities.Engagement && a.EntityId == id.ToString()
            && (a.Action == "ServiceTargetSet" || a.Action == "WorkloadStatusSet")).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["WorkloadStatusSet", "ServiceTargetSet"], rows.Select(r => r.Action));
        Assert.Contains(new FieldChange("Committed target date", null, "2026-12-10"), rows[0].Changes());
        Assert.Equal([new FieldChange("Target date", "2026-12-10", "2026-12-20"), new FieldChange("Reason", null, "Licences arrive later.")], rows[1].Changes());
        Assert.Equal((f.Fm.Id, ServiceNames.Teams), (rows[1].UserId, rows[1].Summary));

        // The engagement page's timeline shows it, and its forecast table holds the target against the forecast.
        var view = await f.Send(new GetEngagement.Query(id));
        Assert.Contains(view.Timeline, a => a.Action == "ServiceTargetSet");
        Assert.Equal(new DateOnly(2026, 12, 20), view.Forecasts.Single().TargetOn);
    }

    [Fact]
    public async Task A_customer_contact_is_refused_on_its_field_in_the_future_or_before_the_assignment_and_kept_in_the_timeline()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync());
        var future = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordCustomerContact.Command { EngagementId = id, On = new DateOnly(2026, 11, 24) }));
        Assert.Equal(("On", "The date cannot be in the future."), (future.Errors.Single().PropertyName, future.Errors.Single().ErrorMessage));
        var early = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordCustomerContact.Command { EngagementId = id, On = new DateOnly(2026, 11, 1) }));
        Assert.Equal(("On", "The date cannot be before the engagement was assigned (2026-11-02)."), (early.Errors.Single().PropertyName, early.Errors.Single().ErrorMessage));
        var blank = await Assert.ThrowsAsync<ValidationException>(() => f.Send(new RecordCustomerContact.Command { EngagementId = id }));
        Assert.Equal("On", blank.Errors.Single().PropertyName);

        var version = (await f.LoadAsync(id)).Version;
        await f.Send(new RecordCustomerContact.Command { EngagementId = id, Version = version, On = new DateOnly(2026, 11, 20) });
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => f.Send(new RecordCustomerContact.Command { EngagementId = id, Version = version, On = new DateOnly(2026, 11, 21) }));
        var view = await f.Send(new GetEngagement.Query(id));
        Assert.Equal(new DateOnly(2026, 11, 20), view.Engagement.LastCustomerContactOn);
        var entry = Assert.Single(view.Timeline, a => a.Action == "CustomerContactRecorded");
        Assert.Equal([new FieldChange("Last customer contact", null, "2026-11-20")], entry.Changes());
        var clock = view.Clocks.Running.Single(c => c.Kind == ClockKind.NoCustomerResponse);
        Assert.Equal((new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 20), false), (clock.Since, clock.DueOn, clock.Overdue));
    }

    [Fact]
    public async Task Recording_usage_keeps_the_forecast_the_portfolio_reads()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var id = await f.EngagementAsync(await f.CustomerAsync()); // Teams: 1,000 seats
        foreach (var (day, users) in new[] { (0, 20), (10, 40) })
            await f.Send(new RecordUsage.Command { EngagementId = id, Service = ServiceNames.Teams, On = EngagementFixture.Assigned.AddDays(day), ActiveUsers = users });
        await using (var db = f.Context())
            Assert.Null((await db.EngagementServices.SingleAsync(s => s.EngagementId == id)).ForecastTrend); // two points: not enough data
        await f.Send(new ImportUsage.Command { Format = ImportUsage.FileFormat.Csv, Content = $"EngagementId,Service,Date,ActiveUsers\n{id},Teams,2026-11-22,60\n" });
        await using (var db = f.Context())
        {
            var s = await db.EngagementServices.SingleAsync(s => s.EngagementId == id);
            Assert.Equal((6.0m, new DateOnly(2026, 12, 12)), (s.ForecastTrend, s.ForecastGoalOn));
        }
        var view = await f.Send(new GetEngagement.Query(id));
        Assert.Equal(new DateOnly(2026, 12, 12), view.Forecasts.Single().Forecast.Goal10.On);
        Assert.Equal(new DateOnly(2027, 5, 11), view.Forecasts.Single().Forecast.Goal40.On); // day 190 from 2 November
    }

    [Fact]
    public async Task The_portfolio_counts_each_clock_and_target_as_Clocks_evaluates_the_engagements()
    {
        await using var f = await EngagementFixture.CreateAsync();
        var customer = await f.CustomerAsync();
        var blockedCode = WorkloadStatusCodes.All.First(c => c.L1 == WorkloadStatusCodes.Blocked);
        var progressCode = WorkloadStatusCodes.All.First(c => c.L1 == WorkloadStatusCodes.InProgress);
        var quiet = await f.EngagementAsync(customer, EngagementMotionInput.Rfa);            // RFA overdue, no contact since 2 November
        var blocked = await f.EngagementAsync(customer);
        await f.Send(new SetWorkloadStatus.Command { EngagementId = blocked, Service = ServiceNames.Teams, Code = $"{blockedCode.L1}|{blockedCode.L2}|{blockedCode.L3}", Note = "Waiting." });
        var late = await f.EngagementAsync(customer);
        await f.Send(new SetWorkloadStatus.Command { EngagementId = late, Service = ServiceNames.Teams, Code = $"{progressCode.L1}|{progressCode.L2}|{progressCode.L3}", TargetOn = new DateOnly(2026, 11, 30) });
        foreach (var (day, users) in new[] { (0, 10), (10, 12), (20, 14) })
            await f.Send(new RecordUsage.Command { EngagementId = late, Service = ServiceNames.Teams, On = EngagementFixture.Assigned.AddDays(day), ActiveUsers = users });
        var contacted = await f.EngagementAsync(customer);
        await f.Send(new RecordCustomerContact.Command { EngagementId = contacted, Version = (await f.LoadAsync(contacted)).Version, On = new DateOnly(2026, 11, 23) });

        async Task Same(DateOnly today)
        {
            f.Clock.Now = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            var portfolio = await f.Send(new GetPortfolio.Query(false));
            await using var db = f.Context();
            var engagements = await db.Engagements.AsSplitQuery().Include(e => e.Services).Include(e => e.CurrentProcess).ToListAsync();
            var evaluated = engagements.Select(e => Clocks.Evaluate(e, today, Defaults)).ToList();
            int Overdue(ClockKind kind) => evaluated.Sum(x => x.Overdue.Count(c => c.Kind == kind));
            Assert.Equal(Overdue(ClockKind.RfaFirstContact), portfolio.OverdueFirstContacts.Count);
            Assert.Equal(Overdue(ClockKind.InProgressPastTarget), portfolio.PastTarget.Count);
            Assert.Equal(Overdue(ClockKind.BlockedWithoutNote), portfolio.BlockedWithoutNote.Count);
            Assert.Equal(Overdue(ClockKind.NoCustomerResponse), portfolio.NoCustomerResponse.Count);
            Assert.Equal(Overdue(ClockKind.SuccessReviewNotHeld), portfolio.ReviewNotHeld.Count);
            Assert.Equal(evaluated.Sum(x => x.Targets.Count), portfolio.TargetsAtRisk.Count);
            Assert.Equal(portfolio.PastTarget.Count, portfolio.PastTarget.Rows.Count);
        }

        await Same(new DateOnly(2026, 11, 23));
        await Same(new DateOnly(2026, 12, 1));
        f.Clock.Now = new DateTimeOffset(2026, 12, 9, 9, 0, 0, TimeSpan.Zero);
        var later = await f.Send(new GetPortfolio.Query(false));
        Assert.Equal([blocked], later.BlockedWithoutNote.Rows.Select(r => r.EngagementId));
        Assert.Equal([late], later.PastTarget.Rows.Select(r => r.EngagementId));
        Assert.Equal(new DateOnly(2026, 11, 30), later.PastTarget.Rows.Single().On);
        Assert.Equal([late], later.TargetsAtRisk.Rows.Select(r => r.EngagementId)); // passed under 10 %
        Assert.Equal([quiet, blocked, late], later.NoCustomerResponse.Rows.Select(r => r.EngagementId)); // 2 November + 30 days
        await Same(new DateOnly(2026, 12, 9));
        await Same(new DateOnly(2026, 12, 24));
    }
}
