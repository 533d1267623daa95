using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Engagements;
using FastTrack.Features.Engagements;
using FastTrack.Web.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FastTrack.Web.Pages.Engagements;

/// <summary>
/// /Engagements/{id}: the engagement at a glance and the forms of daily work (task status, phase move and
/// override, success review, notes). Each form posts its own use case; a refusal re-renders the page with the
/// message in the form that was sent (<see cref="Posted"/>). Who may send each form is the use case's own rule.
/// </summary>
public class DetailsModel(IMediator mediator, Messages.UserMessages t) : PageModel, IRedisplay
{
    public GetEngagement.View View { get; private set; } = null!;

    /// <summary>Which controls the caller may use (a partner sees only theirs).</summary>
    public GetEngagement.Access Access { get; private set; } = new(false, false);

    /// <summary>Which form was sent: "task-{id}", "move", "plan", "review", "note", "contact" or "target-{service}".</summary>
    public string? Posted { get; private set; }

    [FromRoute]
    public int Id { get; set; }

    /// <summary>
    /// The one task whose edit form is open in its row: ?edit={task id}, or the task form that was refused. Null when
    /// the caller may not change that task (or it is not on the page): the page then has no task form at all.
    /// </summary>
    public int? EditTaskId { get; private set; }

    /// <summary>Only the caller's open tasks (?mine=1, <see cref="MyOpenTasks"/>).</summary>
    public bool Mine { get; private set; }

    /// <summary>What the kept text depends on besides the view and the language (ADR 0012): the filter and the open form.</summary>
    public string? Variant => Mine || EditTaskId is not null ? $"{(Mine ? "mine" : "all")}:{EditTaskId}" : null;

    /// <summary>Whether the caller may change the task here: the success review's own task only through the review form.</summary>
    public static bool CanChange(GetEngagement.View view, EngagementTask task) =>
        view.Access.CanWork && view.Engagement.State == EngagementState.Active && task.Cycle == view.Engagement.Cycle
        && !(task.FtopId == PlaybookNames.SuccessReviewTask && task.Status != EngagementTaskStatus.Completed);

    /// <summary>The phase plan that was sent, shown again as it was when it is refused.</summary>
    public ChangePhasePlan.Command? PostedPlan { get; private set; }

    /// <param name="alert">The alert whose link was followed (the /Alerts list, a mail): it is read once the engagement is
    /// opened, and the address is given back without it. Another user's (or no such) alert just opens the page.</param>
    public async Task<IActionResult> OnGetAsync(long? alert)
    {
        if (alert is { } opened)
        {
            try { await mediator.Send(new Features.Alerts.MarkAlertRead.Command(opened)); }
            catch (Domain.Common.NotFoundException) { }
            return Redirect($"/Engagements/{Id}");
        }
        await OnRedisplayAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTaskAsync([FromForm(Name = "Data")] SetTaskStatus.Command data)
    {
        Posted = $"task-{data.TaskId}";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The task was updated.");
        // Back to the list the form was opened from (all tasks or only the caller's), at the task's row.
        return Redirect($"/Engagements/{Id}{(Request.Query["mine"] == "1" ? "?mine=1" : "")}#task-{data.TaskId}");
    }

    public async Task<IActionResult> OnPostMoveAsync([FromForm(Name = "Data")] MoveEngagement.Command data)
    {
        Posted = "move";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The engagement moved to the next step.");
        return Redirect($"/Engagements/{Id}");
    }

    public async Task<IActionResult> OnPostPlanAsync([FromForm(Name = "Data")] ChangePhasePlan.Command data)
    {
        Posted = "plan";
        PostedPlan = data;
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The phases were saved.");
        return Redirect($"/Engagements/{Id}#plan");
    }

    public async Task<IActionResult> OnPostReviewAsync([FromForm(Name = "Data")] CompleteSuccessReview.Command data)
    {
        Posted = "review";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The success review was completed.");
        return Redirect($"/Engagements/{Id}");
    }

    public async Task<IActionResult> OnPostTargetAsync([FromForm(Name = "Data")] SetServiceTarget.Command data)
    {
        Posted = $"target-{data.Service}";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The target date was saved.");
        return Redirect($"/Engagements/{Id}#forecast");
    }

    public async Task<IActionResult> OnPostContactAsync([FromForm(Name = "Data")] RecordCustomerContact.Command data)
    {
        Posted = "contact";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The customer contact was recorded.");
        return Redirect($"/Engagements/{Id}#clocks");
    }

    public async Task<IActionResult> OnPostNoteAsync([FromForm(Name = "Data")] AddNote.Command data)
    {
        Posted = "note";
        await mediator.Send(data with { EngagementId = Id });
        TempData["Success"] = t.Translate("The note was added.");
        return Redirect($"/Engagements/{Id}#notes");
    }

    public async Task OnRedisplayAsync()
    {
        // A form refused before its handler ran (a field that could not be read) is named from the request.
        if (Posted is null && HttpMethods.IsPost(Request.Method))
            Posted = Request.Query["handler"].ToString().ToLowerInvariant() switch
            {
                "task" => $"task-{Request.Form["Data.TaskId"]}",
                "target" => $"target-{Request.Form["Data.Service"]}",
                var h and not "" => h,
                _ => null,
            };
        View = await mediator.Send(new GetEngagement.Query(Id));
        Access = View.Access;
        Mine = Request.Query["mine"] == "1";
        // Read by hand, not bound: a bad value (?edit=abc) opens nothing rather than marking the page invalid.
        var edit = Posted is { } p && p.StartsWith("task-", StringComparison.Ordinal) ? p["task-".Length..] : Request.Query["edit"].ToString();
        EditTaskId = int.TryParse(edit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var taskId)
            && View.CycleTasks.FirstOrDefault(x => x.Id == taskId) is { } task && CanChange(View, task) ? taskId : null;
    }
}
