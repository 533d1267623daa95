using FastTrack.Data.DemoData;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Users;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Tests.Features.Engagements;

/// <summary>The seeded demo shows forecasts, slipped targets and overdue clocks, and the portfolio counts them as <see cref="Clocks"/> does.</summary>
public class DemoDataClocksTests
{
    [Fact]
    public async Task The_demo_has_forecasts_slipped_targets_and_overdue_clocks_counted_alike_by_the_portfolio_and_Clocks()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var sp = db.Services(TestUser.Anonymous))
        await using (var scope = sp.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in global::FastTrack.Domain.Catalogue.Roles.All) await roles.CreateAsync(new IdentityRole(role));
            var ctx = scope.ServiceProvider.GetRequiredService<FastTrack.Data.FastTrackDbContext>();
            var generator = new DemoDataGenerator(ctx, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), TimeProvider.System);
            await generator.GenerateAsync(new DemoDataOptions(200, Seed: 2026));
        }

        var portfolio = await db.Send(new GetPortfolio.Query(true), TestUser.Admin);
        var today = portfolio.Today;
        await using var ctx2 = db.NewContext();
        var engagements = await ctx2.Engagements.AsSplitQuery().Include(e => e.Services).Include(e => e.CurrentProcess).ToListAsync();
        var evaluated = engagements.Select(e => Clocks.Evaluate(e, today, new ClockSettings())).ToList();
        int Overdue(ClockKind kind) => evaluated.Sum(x => x.Overdue.Count(c => c.Kind == kind));

        Assert.Equal(Overdue(ClockKind.RfaFirstContact), portfolio.OverdueFirstContacts.Count);
        Assert.Equal(Overdue(ClockKind.InProgressPastTarget), portfolio.PastTarget.Count);
        Assert.Equal(Overdue(ClockKind.BlockedWithoutNote), portfolio.BlockedWithoutNote.Count);
        Assert.Equal(Overdue(ClockKind.NoCustomerResponse), portfolio.NoCustomerResponse.Count);
        Assert.Equal(Overdue(ClockKind.SuccessReviewNotHeld), portfolio.ReviewNotHeld.Count);
        Assert.Equal(evaluated.Sum(x => x.Targets.Count), portfolio.TargetsAtRisk.Count);

        Assert.True(portfolio.PastTarget.Count > 0, "no workload In Progress past its target");
        Assert.True(portfolio.BlockedWithoutNote.Count > 0, "no workload blocked without a note");
        Assert.True(portfolio.NoCustomerResponse.Count > 0, "no customer silent for more than 30 days");
        Assert.Contains(evaluated.SelectMany(x => x.Targets), t => t.Standing == TargetStanding.ForecastSlipped);
        Assert.Contains(evaluated.SelectMany(x => x.Targets), t => t.Standing == TargetStanding.TargetPassed);
        Assert.Contains(engagements.SelectMany(e => e.Services), s => s.ForecastGoalOn is not null);
    }
}
