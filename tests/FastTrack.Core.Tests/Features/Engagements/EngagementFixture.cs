using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using FastTrack.Features.Customers;
using FastTrack.Features.Engagements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Tests.Features.Engagements;

/// <summary>A fixed "now" for rules that depend on the date.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A seeded database with an FM user and helpers to send engagement use cases as that FM.</summary>
internal sealed class EngagementFixture : IAsyncDisposable
{
    public static readonly DateOnly Assigned = new(2026, 11, 2);
    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    public TestDatabase Db { get; private set; } = null!;
    public TestUser Fm { get; private set; } = null!;

    public static async Task<EngagementFixture> CreateAsync()
    {
        var f = new EngagementFixture { Db = await TestDatabase.CreateAsync() };
        f.Fm = new TestUser(await f.CreateUserAsync("fm@example.com", Roles.FastTrackManager), "fm@example.com", Roles.FastTrackManager);
        // Admins create partner organisations; the engagements of the fixture name this one.
        await using (var db = f.Db.NewContext())
        {
            db.PartnerOrganisations.Add(new Domain.Partners.PartnerOrganisation("Fabrikam Partners"));
            await db.SaveChangesAsync();
        }
        return f;
    }

    public async Task<string> CreateUserAsync(string email, string role)
    {
        await using var sp = Db.Services(TestUser.Admin);
        await using var scope = sp.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], CreatedAt = DateTime.UtcNow };
        await users.CreateAsync(user);
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    public Task<T> Send<T>(MediatR.IRequest<T> request, TestUser? user = null) => Db.Send(request, user ?? Fm, Clock);

    public Task<int> CustomerAsync(string name = "Contoso", bool csm = false, params (string Service, int Seats)[] seats) =>
        Send(new CreateCustomer.Command
        {
            Name = name, TenantDomain = name.ToLowerInvariant() + ".onmicrosoft.com", Industry = "Retail",
            CsmName = csm ? "Casey" : null, CsmEmail = csm ? "casey@example.com" : null,
            Seats = (seats.Length > 0 ? seats : [(ServiceNames.Teams, 1000), (ServiceNames.SharePoint, 500)])
                .Select(s => new SeatsInput { Service = s.Service, Seats = s.Seats }).ToList(),
        });

    public async Task<int> EngagementAsync(int customerId, EngagementMotionInput motion = default, params string[] services) =>
        await Send(new CreateEngagement.Command
        {
            CustomerId = customerId, ManagerId = Fm.Id!, Motion = (Domain.Engagements.EngagementMotion)motion,
            Services = services.Length > 0 ? [.. services] : [ServiceNames.Teams], AssignedOn = Assigned, PartnerName = "Fabrikam Partners",
        });

    public FastTrackDbContext Context() => Db.NewContext();

    public async Task<Domain.Engagements.Engagement> LoadAsync(int id)
    {
        await using var db = Context();
        return await db.Engagements.AsSplitQuery().Include(e => e.Tasks).Include(e => e.Services).Include(e => e.CurrentPhase)
            .Include(e => e.CurrentProcess).Include(e => e.Overrides).Include(e => e.UsageRecords).SingleAsync(e => e.Id == id);
    }

    public async Task CompleteAsync(int engagementId, params int[] ftopIds)
    {
        foreach (var ftop in ftopIds)
        {
            var e = await LoadAsync(engagementId);
            var t = e.Tasks.Single(x => x.FtopId == ftop && x.Cycle == e.Cycle);
            await Send(new SetTaskStatus.Command { EngagementId = engagementId, TaskId = t.Id, Version = t.Version, Status = Domain.Engagements.EngagementTaskStatus.Completed });
        }
    }

    public async Task MoveAsync(int engagementId, string process, string? reason = null)
    {
        var e = await LoadAsync(engagementId);
        await using var db = Context();
        var target = await db.Processes.SingleAsync(p => p.NameEn == process);
        await Send(new MoveEngagement.Command { EngagementId = engagementId, Version = e.Version, TargetProcessId = target.Id, OverrideReason = reason });
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

public enum EngagementMotionInput { CustomerHealth, Rfa, Targeting }
