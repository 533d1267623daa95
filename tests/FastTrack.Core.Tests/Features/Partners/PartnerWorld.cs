using FastTrack.Domain.Catalogue;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using FastTrack.Tests.Features.Engagements;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Partners;

/// <summary>
/// Two partner organisations, each with an engagement: A (Contoso) with an assigned and an unassigned partner user,
/// B (Northwind) with its own partner user; plus an engagement with no partner. The unassigned partner of A is A's
/// organisation admin (API tokens for A's users).
/// </summary>
internal sealed class PartnerWorld : IAsyncDisposable
{
    public EngagementFixture F { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;
    public TestUser Fm => F.Fm;
    public TestUser PartnerAAssigned { get; private set; } = null!;
    public TestUser PartnerANotAssigned { get; private set; } = null!;
    public TestUser PartnerB { get; private set; } = null!;
    public int OrgA { get; private set; }
    public int OrgB { get; private set; }
    public int EngagementA { get; private set; }
    public int EngagementB { get; private set; }
    public int EngagementNone { get; private set; }
    public int CustomerA { get; private set; }
    public int CustomerB { get; private set; }
    /// <summary>A checklist task of engagement A.</summary>
    public int TaskA { get; private set; }

    public static async Task<PartnerWorld> CreateAsync()
    {
        var w = new PartnerWorld { F = await EngagementFixture.CreateAsync() };
        var f = w.F;
        w.Admin = new TestUser(await f.CreateUserAsync("admin@example.com", Roles.Admin), "admin@example.com", Roles.Admin);
        w.OrgA = await f.Send(new CreateOrganisation.Command { Name = "Alpha Partners" }, w.Admin);
        w.OrgB = await f.Send(new CreateOrganisation.Command { Name = "Beta Partners" }, w.Admin);
        w.PartnerAAssigned = await w.PartnerAsync("pa1@alpha.example", w.OrgA);
        w.PartnerANotAssigned = await w.PartnerAsync("pa2@alpha.example", w.OrgA);
        // Alpha's organisation admin: may manage the API tokens of Alpha's users (and nobody else's).
        await using (var db = f.Context())
            await db.Users.Where(u => u.Id == w.PartnerANotAssigned.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsOrganisationAdmin, true));
        w.PartnerB = await w.PartnerAsync("pb@beta.example", w.OrgB);
        w.CustomerA = await f.CustomerAsync("Contoso");
        w.CustomerB = await f.CustomerAsync("Northwind");
        w.EngagementA = await w.EngagementAsync(w.CustomerA, "Alpha Partners");
        w.EngagementB = await w.EngagementAsync(w.CustomerB, "Beta Partners");
        w.EngagementNone = await w.EngagementAsync(await f.CustomerAsync("Tailspin"), null);
        await f.Send(new AssignPartnerStaff.Command { EngagementId = w.EngagementA, UserIds = [w.PartnerAAssigned.Id!] });
        await f.Send(new AssignPartnerStaff.Command { EngagementId = w.EngagementB, UserIds = [w.PartnerB.Id!] });
        w.TaskA = (await f.LoadAsync(w.EngagementA)).Tasks.First().Id;
        return w;
    }

    public async Task<TestUser> PartnerAsync(string email, int organisationId)
    {
        var id = await F.CreateUserAsync(email, Roles.Partner);
        await using var db = F.Context();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PartnerOrganisationId, organisationId));
        return new TestUser(id, email, Roles.Partner) { PartnerOrganisationId = organisationId };
    }

    public Task<int> EngagementAsync(int customerId, string? partner) =>
        F.Send(new CreateEngagement.Command
        {
            CustomerId = customerId, ManagerId = F.Fm.Id!, Motion = Domain.Engagements.EngagementMotion.CustomerHealth,
            Services = [ServiceNames.Teams], AssignedOn = EngagementFixture.Assigned, PartnerName = partner,
        });

    public Task<T> Send<T>(MediatR.IRequest<T> request, TestUser user) => F.Send(request, user);

    public ValueTask DisposeAsync() => F.DisposeAsync();
}
