using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FastTrack.Web.Api;

/// <summary>
/// /api/v1/engagements: the list and one engagement, and the work an assigned partner does on the engagement page (task
/// status, usage, workload status, notes). Each endpoint sends the page's own use case; the engagement id comes from the
/// route, never from the body.
/// </summary>
internal static class EngagementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/engagements").WithTags("Engagements");
        g.MapGet("/", List).WithName("ListEngagements").WithSummary("The engagements the caller may see, 20 a page, filtered and sorted as on the list page.");
        g.MapGet("/{id:int}", Get).WithName("GetEngagement").WithSummary("One engagement with its checklist, usage, workload statuses and notes.");
        g.MapPut("/{id:int}/tasks/{taskId:int}/status", SetTaskStatusAsync).WithName("SetTaskStatus")
            .WithSummary("Sets a checklist task's status, with a note; send the task's version as read (409 when it changed since).");
        g.MapPost("/{id:int}/usage", RecordUsageAsync).WithName("RecordUsage").WithSummary("Records the active users of one service on a date.");
        g.MapPut("/{id:int}/workloads/{service}", SetWorkloadAsync).WithName("SetWorkloadStatus").WithSummary("Sets FTOP's workload status of one service.");
        g.MapPost("/{id:int}/notes", AddNoteAsync).WithName("AddNote").WithSummary("Adds a note, optionally about one service.");
    }

    public sealed record EngagementSummary(int Id, string Customer, string Phase, string Process, EngagementMotion Motion, EngagementState State,
        SuccessReviewOutcome? Outcome, string Manager, string? Partner, IReadOnlyList<string> Services, DateOnly AssignedOn,
        DateOnly? FirstContactDueOn, bool FirstContactDone);

    /// <param name="TotalIsCapped">More engagements match than <see cref="Total"/> (counting stops at 1,000).</param>
    public sealed record EngagementPage(IReadOnlyList<EngagementSummary> Items, int Total, bool TotalIsCapped, int Page, int Pages, int PageSize);

    public sealed record EngagementDetail(int Id, int Version, int CustomerId, string Customer, string Phase, string Process, EngagementMotion Motion,
        EngagementState State, SuccessReviewOutcome? Outcome, string Manager, string? Partner, DateOnly AssignedOn, int Cycle,
        bool CanManage, bool CanWork, IReadOnlyList<ServiceDetail> Services, IReadOnlyList<ChecklistTask> Checklist,
        IReadOnlyList<UsagePoint> Usage, IReadOnlyList<NoteItem> Notes);

    public sealed record ServiceDetail(string Service, int Seats, int? ActiveUsers, DateOnly? UsageOn, decimal Percent, bool GoalMet,
        string? WorkloadL1, string? WorkloadL2, string? WorkloadL3, DateOnly? WorkloadTargetOn);

    public sealed record ChecklistTask(int Id, int FtopId, string Name, string Phase, string Process, string Section, bool Mandatory,
        EngagementTaskStatus Status, string? Reason, string? CompletedBy, DateTime? CompletedAt, string? CompletionNote, int Version);

    public sealed record UsagePoint(string Service, DateOnly On, int ActiveUsers, int Seats, decimal Percent, string RecordedBy, DateTime RecordedAt);

    public sealed record NoteItem(DateTime At, string By, string? Service, string Text);

    public sealed record TaskStatusBody(EngagementTaskStatus Status, int Version, string? Reason, string? Note);

    public sealed record UsageBody(string Service, DateOnly? On, int? ActiveUsers);

    /// <param name="Code">FTOP's code as "L1|L2|L3", e.g. "In Progress|Migration|".</param>
    public sealed record WorkloadBody(string Code, DateOnly? TargetOn, string? Note);

    public sealed record NoteBody(string? Service, string Text);

    private static async Task<Ok<EngagementPage>> List(IMediator mediator, int? phaseId, EngagementMotion? motion, string? service, int? partnerId,
        string? managerId, EngagementState? state, string? search, string? sort, int? page)
    {
        var r = await mediator.Send(new ListEngagements.Query
        {
            PhaseId = phaseId, Motion = motion, Service = service, PartnerId = partnerId, ManagerId = managerId, State = state,
            Search = search, Sort = sort, Page = page ?? 1,
        });
        return TypedResults.Ok(new EngagementPage(
            [.. r.Items.Select(i => new EngagementSummary(i.Id, i.Customer, i.Phase(), i.Process(), i.Motion, i.State, i.Outcome, i.Manager, i.Partner,
                i.Services, i.AssignedOn, i.FirstContactDueOn, i.FirstContactDone))],
            r.Total, r.TotalIsCapped, r.Page, r.Pages, ListEngagements.PageSize));
    }

    private static async Task<Ok<EngagementDetail>> Get(IMediator mediator, int id)
    {
        var v = await mediator.Send(new GetEngagement.Query(id));
        var e = v.Engagement;
        var checklist = v.Checklist.SelectMany(ph => ph.Processes.SelectMany(pr => pr.Sections.SelectMany(s => s.Tasks.Select(t =>
            new ChecklistTask(t.Id, t.FtopId, Localized.Pick(t.Task.NameEn, t.Task.NameJa, t.Task.NameZh),
                Localized.Pick(ph.Phase.NameEn, ph.Phase.NameJa, ph.Phase.NameZh), Localized.Pick(pr.Process.NameEn, pr.Process.NameJa, pr.Process.NameZh),
                Localized.Pick(s.Section.NameEn, s.Section.NameJa, s.Section.NameZh), t.Mandatory, t.Status, t.StatusReason, t.CompletedBy,
                t.CompletedAt, t.CompletionNote, t.Version))))).ToList();
        var services = v.Usage.Select(u =>
        {
            var s = e.Services.FirstOrDefault(x => x.Service == u.Service);
            return new ServiceDetail(u.Service, u.Seats, u.ActiveUsers, u.On, u.Percent, u.GoalMet, s?.WorkloadL1, s?.WorkloadL2, s?.WorkloadL3, s?.WorkloadTargetOn);
        }).ToList();
        return TypedResults.Ok(new EngagementDetail(e.Id, e.Version, e.CustomerId, e.Customer.Name,
            Localized.Pick(e.CurrentPhase.NameEn, e.CurrentPhase.NameJa, e.CurrentPhase.NameZh),
            Localized.Pick(e.CurrentProcess.NameEn, e.CurrentProcess.NameJa, e.CurrentProcess.NameZh),
            e.Motion, e.State, e.Outcome, v.ManagerName, e.PartnerOrganisation?.Name, e.AssignedOn, e.Cycle, v.Access.CanManage, v.Access.CanWork,
            services, checklist,
            [.. v.UsageRecords.Select(u => new UsagePoint(u.Service, u.On, u.ActiveUsers, u.Seats, u.Percent, u.RecordedBy, u.RecordedAt))],
            [.. v.Notes.Select(n => new NoteItem(n.At, n.By, n.Service, n.Text))]));
    }

    private static async Task<NoContent> SetTaskStatusAsync(IMediator mediator, int id, int taskId, [FromBody] TaskStatusBody body)
    {
        await mediator.Send(new SetTaskStatus.Command
        {
            EngagementId = id, TaskId = taskId, Version = body.Version, Status = body.Status, Reason = body.Reason, Note = body.Note,
        });
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RecordUsageAsync(IMediator mediator, int id, [FromBody] UsageBody body)
    {
        await mediator.Send(new RecordUsage.Command { EngagementId = id, Service = body.Service ?? "", On = body.On, ActiveUsers = body.ActiveUsers });
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetWorkloadAsync(IMediator mediator, int id, string service, [FromBody] WorkloadBody body)
    {
        await mediator.Send(new SetWorkloadStatus.Command { EngagementId = id, Service = service, Code = body.Code ?? "", TargetOn = body.TargetOn, Note = body.Note });
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> AddNoteAsync(IMediator mediator, int id, [FromBody] NoteBody body)
    {
        await mediator.Send(new AddNote.Command { EngagementId = id, Service = body.Service, Text = body.Text ?? "" });
        return TypedResults.NoContent();
    }
}
