using System.Globalization;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using static FastTrack.Tests.Engagements.TestPlaybook;

namespace FastTrack.Tests.Engagements;

/// <summary>An engagement takes the phases it needs (PhasePlan, Engagement.ChangePhasePlan), on the whole playbook's six phases.</summary>
public class PhasePlanTests
{
    private readonly Playbook _playbook = BuildWhole();

    private Phase Phase(string name) => _playbook.Phases.Single(p => p.NameEn == name);
    private int[] Ids(params string[] names) => names.Select(n => Phase(n).Id).ToArray();
    private string Path(Engagement e) => PhasePlan.Path(e.PlannedPhases(_playbook), CultureInfo.InvariantCulture);

    private Engagement New(IReadOnlyCollection<int>? phases = null, params string[] services)
    {
        var e = Engagement.Start(Customer(), "fm-1", null, EngagementMotion.CustomerHealth, services.Length > 0 ? services : [ServiceNames.Teams],
            new EngagementDates(new DateOnly(2026, 11, 2), null, null, null), _playbook, phases);
        var id = 0;
        foreach (var t in e.Tasks) WithId(t, ++id);
        return e;
    }

    /// <summary>Completes the open mandatory tasks of the current phase (3735 is completed by the success review) and moves on.</summary>
    private void Pass(Engagement e)
    {
        foreach (var t in e.Tasks.Where(t => t.Cycle == e.Cycle && t.PhaseId == e.CurrentPhaseId && t.Mandatory
                     && t.FtopId != PlaybookNames.SuccessReviewTask && !PhaseGate.Passes(t.Status)).ToList())
            Complete(e, t.FtopId);
        var next = e.NextStep(_playbook)!;
        if (next.NameEn == PlaybookNames.ConductSuccessReview)
            foreach (var s in e.Services) e.RecordUsage(s.Service, Today, 100, "fm", Now, Today);
        Assert.NotNull(e.MoveTo(next.Id, _playbook, null, "fm", Now));
        Save(e);
    }

    /// <summary>Passes every step of the current phase (in Success: up to the success review).</summary>
    private void PassPhase(Engagement e)
    {
        var phase = e.CurrentPhaseId;
        while (e.CurrentPhaseId == phase && e.CurrentProcess.NameEn != PlaybookNames.ConductSuccessReview) Pass(e);
    }

    [Fact]
    public void The_default_plan_leaves_out_remediate_and_takes_migrate_only_with_a_migration_service()
    {
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(New()));
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Migrate ▸ Success", Path(New(null, ServiceNames.Teams, ServiceNames.Exchange)));
        Assert.Equal(PhasePlan.Format(Ids("Remediate", "Migrate")), New().SkippedPhases);
    }

    [Fact]
    public void Moving_on_from_a_phase_goes_to_the_next_planned_phase_and_a_skipped_phase_is_never_entered()
    {
        var e = New(Ids("Initiate", "Assess", "Enable", "Success"), ServiceNames.Teams, ServiceNames.Exchange);
        PassPhase(e);
        Assert.Equal("Assess", e.CurrentPhase.NameEn);
        PassPhase(e);
        Assert.Equal("Enable", e.CurrentPhase.NameEn);
        var remediate = Phase("Remediate").Processes.Single();
        Assert.Throws<DomainException>(() => e.MoveTo(remediate.Id, _playbook, "anyway", "fm", Now));
        PassPhase(e);
        Assert.Equal("Success", e.CurrentPhase.NameEn);
        PassPhase(e);
        Assert.Equal(PlaybookNames.ConductSuccessReview, e.CurrentProcess.NameEn);
        // The skipped phases' tasks (mandatory ones among them: 1700, 1702 …) were never on the checklist, so never blocked.
        Assert.DoesNotContain(e.Tasks, t => t.PhaseId == Phase("Remediate").Id || t.PhaseId == Phase("Migrate").Id);
        Assert.Empty(e.Overrides);
        e.CompleteSuccessReview(SuccessReviewOutcome.ContinueBusinessValueDiscussions, null, [], _playbook, "fm", Now, Today);
        Assert.Equal(EngagementState.Completed, e.State);
    }

    [Fact]
    public void Remediate_chosen_at_the_assess_gate_holds_the_gate_into_enable_until_1700_is_completed()
    {
        var e = New();
        PassPhase(e);
        var version = e.Version;
        var changes = e.ChangePhasePlan(Ids("Initiate", "Assess", "Remediate", "Enable", "Success"), "The technical assessment found gaps", _playbook);
        Assert.Equal(version + 1, e.Version);
        Assert.Equal(new FieldChange("Phases", "Initiate ▸ Assess ▸ Enable ▸ Success", "Initiate ▸ Assess ▸ Remediate ▸ Enable ▸ Success"), changes[0]);
        Assert.Equal(new FieldChange("Reason", null, "The technical assessment found gaps"), changes[1]);
        PassPhase(e);
        Assert.Equal("Remediate", e.CurrentPhase.NameEn);
        Assert.Contains(e.Tasks, t => t.FtopId == 1700);

        var enable = e.NextStep(_playbook)!;
        Assert.Equal("Enable", enable.Phase.NameEn);
        Complete(e, 3190);
        var refused = Assert.Throws<DomainException>(() => e.MoveTo(enable.Id, _playbook, null, "fm", Now));
        Assert.StartsWith("1 mandatory task blocks the move to Enable: 1700 Remediate Exit", refused.Message);
        Complete(e, 1700);
        e.MoveTo(enable.Id, _playbook, null, "fm", Now);
        Assert.Equal("Enable", e.CurrentPhase.NameEn);
    }

    [Fact]
    public void Initiate_assess_and_success_always_apply()
    {
        var e = New();
        var ex = Assert.Throws<DomainException>(() => e.ChangePhasePlan(Ids("Initiate", "Assess", "Enable"), "no review", _playbook));
        Assert.Equal("Success is part of every engagement: Initiate, Assess and Success always apply.", ex.Message);
        Assert.Throws<DomainException>(() => New(Ids("Initiate", "Enable", "Success")));
        Assert.Equal(0, e.Version);
    }

    [Fact]
    public void A_plan_cannot_drop_the_current_phase_nor_change_an_earlier_one()
    {
        var e = New();
        PassPhase(e);
        PassPhase(e);
        Assert.Equal("Enable", e.CurrentPhase.NameEn);
        var version = e.Version;

        var current = Assert.Throws<DomainException>(() => e.ChangePhasePlan(Ids("Initiate", "Assess", "Migrate", "Success"), "skip enablement", _playbook));
        Assert.Equal("The engagement is in Enable: the plan changes only the phases after it.", current.Message);
        var earlier = Assert.Throws<DomainException>(() => e.ChangePhasePlan(Ids("Initiate", "Assess", "Remediate", "Enable", "Success"), "gaps after all", _playbook));
        Assert.Equal("Remediate is behind the engagement: the plan changes only the phases after Enable.", earlier.Message);
        Assert.Equal(version, e.Version);
        Assert.Equal("Initiate ▸ Assess ▸ Enable ▸ Success", Path(e));

        // A later phase still can: Migrate is added at the Enable gate.
        e.ChangePhasePlan(Ids("Initiate", "Assess", "Enable", "Migrate", "Success"), "The customer takes the migration benefit", _playbook);
        PassPhase(e);
        Assert.Equal("Migrate", e.CurrentPhase.NameEn);
    }

    [Fact]
    public void Repeating_a_plan_is_a_no_op_and_a_change_needs_a_reason()
    {
        var e = New();
        Assert.True(e.HasPlan(Ids("Initiate", "Assess", "Enable", "Success"), _playbook));
        Assert.Empty(e.ChangePhasePlan(Ids("Success", "Enable", "Assess", "Initiate"), null, _playbook));
        Assert.Equal(0, e.Version);

        var ex = Assert.Throws<DomainException>(() => e.ChangePhasePlan(Ids("Initiate", "Assess", "Success"), "  ", _playbook));
        Assert.Equal("The reason for the change is required.", ex.Message);
        Assert.Equal(0, e.Version);
        Assert.Throws<DomainException>(() => e.ChangePhasePlan([.. Ids("Initiate", "Assess", "Success"), 99_999], "unknown phase", _playbook));

        e.ChangePhasePlan(Ids("Initiate", "Assess", "Success"), "Enablement is done by the customer's partner", _playbook);
        Assert.Equal(1, e.Version);
        Assert.Empty(e.ChangePhasePlan(Ids("Initiate", "Assess", "Success"), "Enablement is done by the customer's partner", _playbook));
        Assert.Equal(1, e.Version);
        Assert.Equal("Initiate ▸ Assess ▸ Success", Path(e));
    }

    [Fact]
    public void A_service_added_later_brings_no_tasks_of_a_skipped_phase()
    {
        var e = New();
        PassPhase(e);
        PassPhase(e);
        e.Edit("fm-1", null, EngagementMotion.CustomerHealth, [ServiceNames.Teams, ServiceNames.Exchange],
            new EngagementDates(new DateOnly(2026, 11, 2), null, null, null), _playbook);
        Assert.Contains(e.Tasks, t => t.FtopId == 1158); // Enable, Exchange
        Assert.DoesNotContain(e.Tasks, t => t.PhaseId == Phase("Remediate").Id || t.PhaseId == Phase("Migrate").Id);
    }

    [Fact]
    public void A_closed_engagement_keeps_its_plan()
    {
        var e = New();
        e.GetType().GetProperty(nameof(Engagement.State))!.SetValue(e, EngagementState.Completed);
        Assert.Throws<DomainException>(() => e.ChangePhasePlan(Ids("Initiate", "Assess", "Success"), "late", _playbook));
    }

    [Fact]
    public void On_the_seeded_three_phase_catalogue_every_phase_always_applies()
    {
        var seeded = Build();
        Assert.All(seeded.Phases, p => Assert.True(PhasePlan.AlwaysApplies(p, seeded)));
        var e = TestPlaybook.Start(seeded, Customer());
        Assert.Equal("", e.SkippedPhases);
        Assert.Equal(3, e.PlannedPhases(seeded).Count);
    }

    [Fact]
    public void The_stored_plan_reads_back_and_ignores_what_is_not_an_id()
    {
        Assert.Equal("2;5", PhasePlan.Format([5, 2, 5]));
        Assert.Equal([2, 5], PhasePlan.Parse("5; 2;x;;").Order());
        Assert.Empty(PhasePlan.Parse(""));
    }
}
