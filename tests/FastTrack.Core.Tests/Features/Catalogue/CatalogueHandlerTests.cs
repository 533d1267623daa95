using FastTrack.Common.Security;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Features.Catalogue;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Features.Catalogue;

public sealed class CatalogueHandlerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<CatalogueTask> Load(int id)
    {
        await using var ctx = _db.NewContext();
        return await ctx.CatalogueTasks.Include(t => t.Services).Include(t => t.Section).SingleAsync(t => t.FtopId == id);
    }

    private async Task<List<AuditEntry>> History(string type, string id)
    {
        await using var ctx = _db.NewContext();
        return await ctx.AuditEntries.Where(a => a.EntityType == type && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<EditTask.Command> EditFormOf(int id) =>
        EditTask.Command.From(await _db.Send(new GetTask.Query(id), TestUser.Admin));

    [Fact]
    public async Task Creating_a_task_saves_it_with_a_history_row()
    {
        int section;
        await using (var ctx = _db.NewContext()) section = ctx.Sections.Single(s => s.NameEn == "Confirm DIBS (Kickoff Meeting)").Id;

        var id = await _db.Send(new CreateTask.Command
        {
            FtopId = 4001, SectionId = section, NameEn = " Confirm DIBS per service ", NameJa = "サービスごとに DIBS を確認",
            Mandatory = true, Role = "FastTrack Manager", Services = ["Teams", "SharePoint"],
        }, TestUser.Admin);

        Assert.Equal(4001, id);
        var task = await Load(4001);
        Assert.Equal("Confirm DIBS per service", task.NameEn);
        Assert.Equal("SharePoint;Teams", task.ServicesText);
        Assert.Equal(section, task.SectionId);
        var row = Assert.Single(await History(AuditEntities.CatalogueTask, "4001"));
        Assert.Equal("Created", row.Action);
        Assert.Equal("admin@example.com", row.UserName);
        Assert.Contains(new FieldChange("Services", null, "SharePoint;Teams"), row.Changes());
        Assert.DoesNotContain(row.Changes(), c => c.Field == "Name (Chinese)");
    }

    [Fact]
    public async Task A_duplicate_FTOP_id_is_refused()
    {
        var form = await EditFormOf(994);
        var ex = await Assert.ThrowsAsync<ValidationException>(() => _db.Send(new CreateTask.Command
        {
            FtopId = 994, SectionId = form.SectionId, NameEn = "Another kickoff", Role = "Partner", AllServices = true,
        }, TestUser.Admin));
        Assert.Contains(ex.Errors, e => e.PropertyName == "FtopId" && e.ErrorMessage == CatalogueText.FtopIdTaken);
        Assert.Equal("Conduct Initiate/Kickoff Meeting(s)", (await Load(994)).NameEn);
    }

    [Fact]
    public async Task Editing_a_task_saves_it_and_writes_the_changed_fields_to_history()
    {
        var form = await EditFormOf(3731);
        var clock = new Moq.Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
        await _db.Send(form with { NameZh = "Teams - 启用后交接", Mandatory = true }, TestUser.Admin, clock.Object);

        var task = await Load(3731);
        Assert.Equal("Teams - 启用后交接", task.NameZh);
        Assert.True(task.Mandatory);
        Assert.Equal(form.Version + 1, task.Version);
        var row = Assert.Single(await History(AuditEntities.CatalogueTask, "3731"));
        Assert.Equal("Edited", row.Action);
        Assert.Equal(new DateTime(2026, 11, 23, 9, 30, 0), row.At);
        Assert.Equal(
            new[] { new FieldChange("Name (Chinese)", "Teams - 启用后现场交接", "Teams - 启用后交接"), new FieldChange("Required", "O", "M") },
            row.Changes());

        var shown = await _db.Send(new GetTask.Query(3731), TestUser.Partner);
        Assert.Equal("Edited", Assert.Single(shown.History).Action);
    }

    [Fact]
    public async Task Saving_an_unchanged_form_writes_nothing()
    {
        var form = await EditFormOf(994);
        await _db.Send(form, TestUser.Admin);
        Assert.Equal(form.Version, (await Load(994)).Version);
        Assert.Empty(await History(AuditEntities.CatalogueTask, "994"));
    }

    [Fact]
    public async Task The_second_of_two_edits_from_the_same_version_is_a_conflict_and_changes_nothing()
    {
        var seen = await EditFormOf(2536);
        await _db.Send(seen with { NameEn = "First admin's name" }, TestUser.Admin);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            _db.Send(seen with { NameEn = "Second admin's name", Role = "Partner" }, TestUser.Admin));
        Assert.Equal(CatalogueText.TaskConflict, ex.Message);

        var task = await Load(2536);
        Assert.Equal("First admin's name", task.NameEn);
        Assert.Equal("FastTrack Manager", task.Role);
        Assert.Single(await History(AuditEntities.CatalogueTask, "2536"));

        // With the version now saved, the second admin's deliberate save goes through.
        await _db.Send(seen with { NameEn = "Second admin's name", Version = task.Version }, TestUser.Admin);
        Assert.Equal("Second admin's name", (await Load(2536)).NameEn);
    }

    [Fact]
    public async Task A_concurrent_save_between_load_and_save_is_caught_by_the_database()
    {
        // The version check in memory passes; the row changes underneath before SaveChanges.
        await using var ctx = _db.NewContext();
        var task = await ctx.CatalogueTasks.AsTracking().Include(t => t.Services).Include(t => t.Section).SingleAsync(t => t.FtopId == 3735);
        await _db.Send((await EditFormOf(3735)) with { NameEn = "Changed meanwhile" }, TestUser.Admin);
        ctx.Entry(task).Property(t => t.Version).OriginalValue = task.Version;
        task.Edit(task.Section, "Lost update", null, null, true, "FastTrack Manager", true, []);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => ctx.SaveChangesAsync());
        Assert.Equal("Changed meanwhile", (await Load(3735)).NameEn);
    }

    [Fact]
    public async Task Retiring_and_restoring_are_saved_with_history_and_check_the_version()
    {
        var v0 = (await Load(983)).Version;
        await _db.Send(new RetireTask.Command(983, v0), TestUser.Admin);
        Assert.True((await Load(983)).Retired);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Send(new RestoreTask.Command(983, v0), TestUser.Admin));
        Assert.True((await Load(983)).Retired);

        await _db.Send(new RestoreTask.Command(983, v0 + 1), TestUser.Admin);
        var task = await Load(983);
        Assert.False(task.Retired);
        Assert.Equal(v0 + 2, task.Version);
        Assert.Equal(new[] { "Retired", "Restored" }, (await History(AuditEntities.CatalogueTask, "983")).Select(a => a.Action).ToArray());
    }

    [Fact]
    public async Task Retired_tasks_leave_the_default_catalogue_but_stay_findable()
    {
        await _db.Send(new RetireTask.Command(983, (await Load(983)).Version), TestUser.Admin);
        var active = await _db.Send(new BrowseCatalogue.Query(new CatalogueFilter()), TestUser.Partner);
        Assert.Equal(19, active.Tasks.Count);
        Assert.DoesNotContain(active.Tasks, t => t.FtopId == 983);
        var retired = await _db.Send(new BrowseCatalogue.Query(new CatalogueFilter { Retired = true }), TestUser.Partner);
        Assert.Equal(983, Assert.Single(retired.Tasks).FtopId);
        Assert.Equal(20, (await _db.Send(new BrowseCatalogue.Query(new CatalogueFilter { Retired = null }), TestUser.Partner)).Tasks.Count);
    }

    [Fact]
    public async Task The_tree_keeps_guidance_steps_unless_the_filter_picks_tasks()
    {
        var all = await _db.Send(new BrowseCatalogue.Query(new CatalogueFilter()), TestUser.Manager);
        Assert.Equal(20, all.CatalogueTotal);
        var sections = all.Tree.SelectMany(p => p.Processes).SelectMany(p => p.Sections).ToList();
        Assert.Equal(22, sections.Count);
        Assert.Equal(14, sections.Count(s => s.IsGuidanceStep));

        var teams = await _db.Send(new BrowseCatalogue.Query(new CatalogueFilter { Service = "Teams", Required = "O" }), TestUser.Manager);
        Assert.Equal(new[] { 983, 3731, 3979 }, teams.Tasks.Select(t => t.FtopId).Order().ToArray());
        Assert.All(teams.Tree.SelectMany(p => p.Processes).SelectMany(p => p.Sections), s => Assert.NotEmpty(s.Tasks));
    }

    [Fact]
    public async Task Editing_a_section_and_a_process_writes_history_and_checks_the_version()
    {
        int sectionId, processId;
        await using (var ctx = _db.NewContext())
        {
            sectionId = ctx.Sections.Single(s => s.NameEn == "CSM Handshake for Modern Comms").Id;
            processId = ctx.Processes.Single(p => p.NameEn == "Conduct Success Review").Id;
        }
        var section = EditSection.Command.From(await _db.Send(new GetSection.Query(sectionId), TestUser.Admin));
        Assert.Equal(new[] { "Outlook Mobile", "Teams", "Yammer" }, section.AppliesTo.Order().ToArray());

        // Same sets in another order: nothing to record.
        await _db.Send(section with { Motions = ["Targeting", "RFA", "Customer Health"], AppliesTo = ["Yammer", "Teams", "Outlook Mobile"] }, TestUser.Admin);
        Assert.Empty(await History(AuditEntities.Section, sectionId.ToString()));

        await _db.Send(section with { Order = 6, Motions = ["RFA"] }, TestUser.Admin);
        var row = Assert.Single(await History(AuditEntities.Section, sectionId.ToString()));
        Assert.Contains(new FieldChange("Motions", "Customer Health;RFA;Targeting", "RFA"), row.Changes());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Send(section with { NameEn = "Stale" }, TestUser.Admin));

        var process = EditProcess.Command.From(await _db.Send(new GetProcess.Query(processId), TestUser.Admin));
        await _db.Send(process with { NameJa = "成功のレビューの実施" }, TestUser.Admin);
        Assert.Equal("Edited", Assert.Single(await History(AuditEntities.Process, processId.ToString())).Action);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _db.Send(process with { Order = 9 }, TestUser.Admin));
    }

    public static TheoryData<AdminCommand> AdminCommands => new()
    {
        new(f => new CreateTask.Command { FtopId = 5000, SectionId = f.SectionId, NameEn = "Forged", Role = "Partner", AllServices = true }),
        new(f => f with { NameEn = "Forged" }),
        new(f => new RetireTask.Command(994, f.Version)),
        new(f => new RestoreTask.Command(994, f.Version)),
        new(_ => new EditSection.Command { Id = 1, NameEn = "Forged", Order = 1, PrimaryRole = "-", AllServices = true }),
        new(_ => new EditProcess.Command { Id = 1, NameEn = "Forged", Order = 1 }),
    };

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task Managers_and_partners_may_not_send_admin_commands(AdminCommand command)
    {
        var form = await EditFormOf(994);
        foreach (var user in new[] { TestUser.Manager, TestUser.Partner })
        {
            var request = command.Create(form);
            await Assert.ThrowsAsync<ForbiddenException>(() => SendAny(request, user));
        }
        var task = await Load(994);
        Assert.Equal(("Conduct Initiate/Kickoff Meeting(s)", false, form.Version), (task.NameEn, task.Retired, task.Version));
        await using var ctx = _db.NewContext();
        Assert.Equal(0, await ctx.AuditEntries.CountAsync());
        Assert.False(await ctx.CatalogueTasks.AnyAsync(t => t.FtopId == 5000));
    }

    private Task SendAny(object request, ICurrentUser user) => request switch
    {
        MediatR.IRequest<int> r => _db.Send(r, user),
        MediatR.IRequest<MediatR.Unit> r => _db.Send(r, user),
        _ => throw new InvalidOperationException(request.GetType().Name),
    };

    /// <summary>Builds an admin command from the task 994 form (xunit needs serialisable-ish theory data).</summary>
    public sealed class AdminCommand(Func<EditTask.Command, object> create)
    {
        public object Create(EditTask.Command form) => create(form);
    }
}
