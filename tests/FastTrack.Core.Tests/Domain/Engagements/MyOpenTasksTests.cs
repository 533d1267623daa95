using System.Globalization;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;

namespace FastTrack.Tests.Engagements;

/// <summary>The engagement page's "my open tasks": which catalogue roles are the caller's side, and the role names shown.</summary>
public class MyOpenTasksTests
{
    [Theory]
    [InlineData("FastTrack Manager", true, true)]
    [InlineData("FastTrackManager", true, true)]
    [InlineData("FastTrack Engineer", true, false)]
    [InlineData("Partner", true, false)]
    [InlineData("Partner", false, true)]
    [InlineData("FastTrack Ready Partner", false, true)]
    [InlineData("FastTrack Manager", false, false)]
    [InlineData("SME", false, true)]
    [InlineData("FastTrack Engineer", false, true)]
    [InlineData("FastTrackManager", false, false)]
    public void A_role_is_the_managers_or_a_partners(string role, bool manages, bool mine) =>
        Assert.Equal(mine, MyOpenTasks.IsOfSide(role, manages));

    [Fact]
    public void A_roles_name_comes_from_the_seed_in_the_language_or_is_its_key()
    {
        Assert.Equal("FastTrack エンジニア", CatalogueRoles.SeedName("FastTrack Engineer", CultureInfo.GetCultureInfo("ja")));
        Assert.Equal("FastTrack 经理", CatalogueRoles.SeedName("FastTrackManager", CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Equal("FastTrack Manager", CatalogueRoles.SeedName("FastTrack Manager", CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Data Steward", CatalogueRoles.SeedName("Data Steward", CultureInfo.GetCultureInfo("ja")));
    }
}
