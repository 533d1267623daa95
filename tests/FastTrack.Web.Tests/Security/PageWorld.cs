using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Domain.Partners;
using FastTrack.Domain.Customers;
using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// The real app with two partner organisations: engagement A (Alpha) with an assigned and an unassigned partner user,
/// engagement B (Beta) with its own partner user, and browsers signed in as each persona.
/// </summary>
public sealed class PageWorld : IAsyncDisposable
{
    public AppFactory App { get; }
    public int EngagementA { get; private set; }
    public int EngagementB { get; private set; }
    public int CustomerA { get; private set; }
    public int CustomerB { get; private set; }
    public int TaskA { get; private set; }
    public int OrgA { get; private set; }
    public string PartnerAAssignedId { get; private set; } = "";
    public string PartnerBId { get; private set; } = "";
    public string FmId { get; private set; } = "";
    public string AdminId { get; private set; } = "";
    /// <summary>Another FastTrack manager, who manages neither engagement: FMs see and change every engagement (docs/security.md).</summary>
    public string OtherFmId { get; private set; } = "";
    public string PartnerANotAssignedId { get; private set; } = "";
    public Dictionary<string, HttpClient> Personas { get; } = [];

    public static readonly string[] PersonaNames = ["anonymous", "admin", "fm", "fm-other", "partnerA-assigned", "partnerA-not-assigned", "partnerB"];

    private PageWorld(AppFactory app) => App = app;

    /// <param name="signIn">Sign the personas' browsers in (not needed by API-only tests).</param>
    public static async Task<PageWorld> CreateAsync(AppFactory? app = null, bool signIn = true)
    {
        var w = new PageWorld(app ?? new AppFactory());
        var a = w.App;
        w.AdminId = await a.CreateUserAsync("admin@example.com", Roles.Admin);
        w.FmId = await a.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        w.OtherFmId = await a.CreateUserAsync("fm2@example.com", Roles.FastTrackManager);
        w.PartnerAAssignedId = await a.CreateUserInAsync("Alpha Partners", "pa1@alpha.example", Roles.Partner);
        w.PartnerANotAssignedId = await a.CreateUserInAsync("Alpha Partners", "pa2@alpha.example", Roles.Partner);
        w.PartnerBId = await a.CreateUserInAsync("Beta Partners", "pb@beta.example", Roles.Partner);
        w.OrgA = await a.OrganisationAsync("Alpha Partners");
        // Alpha's organisation admin: the API tokens of Alpha's users (OrganisationTokensTests).
        a.Scoped(db => db.Users.Where(u => u.Id == w.PartnerANotAssignedId).ExecuteUpdate(s => s.SetProperty(u => u.IsOrganisationAdmin, true)));
        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
            var playbook = new Playbook(await db.Phases.AsTracking().AsSplitQuery()
                .Include(p => p.Processes).ThenInclude(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Services).ToListAsync());
            (w.EngagementA, w.CustomerA) = await EngagementAsync(db, playbook, "Contoso", await db.PartnerOrganisations.AsTracking().SingleAsync(p => p.Name == "Alpha Partners"), w.FmId);
            (w.EngagementB, w.CustomerB) = await EngagementAsync(db, playbook, "Northwind", await db.PartnerOrganisations.AsTracking().SingleAsync(p => p.Name == "Beta Partners"), w.FmId);
            db.EngagementPartnerAssignments.Add(new EngagementPartnerAssignment(w.EngagementA, w.PartnerAAssignedId, "setup", DateTimeOffset.UtcNow));
            db.EngagementPartnerAssignments.Add(new EngagementPartnerAssignment(w.EngagementB, w.PartnerBId, "setup", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            w.TaskA = await db.EngagementTasks.Where(t => t.EngagementId == w.EngagementA && t.FtopId != PlaybookNames.SuccessReviewTask).Select(t => t.Id).FirstAsync();
        }
        if (!signIn) return w;
        w.Personas["anonymous"] = a.Browser();
        w.Personas["admin"] = await a.SignInAsync("admin@example.com");
        w.Personas["fm"] = await a.SignInAsync("fm@example.com");
        w.Personas["fm-other"] = await a.SignInAsync("fm2@example.com");
        w.Personas["partnerA-assigned"] = await a.SignInAsync("pa1@alpha.example");
        w.Personas["partnerA-not-assigned"] = await a.SignInAsync("pa2@alpha.example");
        w.Personas["partnerB"] = await a.SignInAsync("pb@beta.example");
        return w;
    }

    private static async Task<(int, int)> EngagementAsync(FastTrackDbContext db, Playbook playbook, string name, PartnerOrganisation partner, string fmId)
    {
        var customer = new Customer(name, name.ToLowerInvariant() + ".onmicrosoft.com", null, false, null, null, null, [(ServiceNames.Teams, 1000)]);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var e = Engagement.Start(customer, fmId, partner, EngagementMotion.CustomerHealth, [ServiceNames.Teams],
            new EngagementDates(new DateOnly(2026, 1, 5), null, null, null), playbook);
        db.Engagements.Add(e);
        await db.SaveChangesAsync();
        return (e.Id, customer.Id);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var c in Personas.Values) c.Dispose();
        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
