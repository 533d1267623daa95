using FastTrack.Data.DemoData;
using FastTrack.Domain.Users;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Tests.Features.Engagements;

public class ListCountCapTests
{
    [Fact]
    public async Task Past_the_cap_the_list_says_more_than_and_still_pages()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var sp = db.Services(TestUser.Anonymous))
        await using (var scope = sp.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in global::FastTrack.Domain.Catalogue.Roles.All) await roles.CreateAsync(new IdentityRole(role));
            var ctx = scope.ServiceProvider.GetRequiredService<FastTrack.Data.FastTrackDbContext>();
            var generator = new DemoDataGenerator(ctx, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), TimeProvider.System);
            await generator.GenerateAsync(new DemoDataOptions(ListEngagements.CountCap + 5, Seed: 3));
        }

        var all = await db.Send(new ListEngagements.Query(), TestUser.Admin);
        Assert.True(all.TotalIsCapped);
        Assert.Equal(ListEngagements.CountCap, all.Total);
        Assert.Equal(ListEngagements.CountCap / ListEngagements.PageSize, all.Pages);
        Assert.Equal(ListEngagements.PageSize, all.Items.Count);

        var narrowed = await db.Send(new ListEngagements.Query { Search = all.Items[0].Customer }, TestUser.Admin);
        Assert.False(narrowed.TotalIsCapped);
        Assert.InRange(narrowed.Total, 1, ListEngagements.CountCap - 1);
    }
}
