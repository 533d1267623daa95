using FastTrack.Common.Security;
using FastTrack.Domain.Common;
using FastTrack.Features.Account;
using FastTrack.Features.Audit;
using FastTrack.Features.Catalogue;
using FastTrack.Features.Customers;
using FastTrack.Features.Engagements;
using FastTrack.Features.Partners;
using FastTrack.Features.Tokens;
using FastTrack.Features.Users;
using MediatR;

namespace FastTrack.Tests.Features.Partners;

/// <summary>
/// Every MediatR request of the core, sent through the real pipeline over a real database by each persona, against the
/// role table of docs/security.md. The list of requests comes from the assembly: a request added without a row here
/// fails the suite. Codes, one per persona (anonymous, Admin, FastTrackManager, Partner A assigned, Partner A not
/// assigned, Partner B): O = passes authorization (a validation or rule refusal may follow), F = forbidden, N = not found.
/// </summary>
public class RequestAuthorizationMatrixTests
{
    private static readonly Dictionary<Type, (string Expected, Func<PartnerWorld, object> Make)> Table = new()
    {
        [typeof(SignIn.Command)] = ("OOOOOO", _ => new SignIn.Command("nobody@example.com", "not the password", false, null)),
        // Anyone may ask for a reset link and use one (PasswordResetTests); an unknown address and a made-up link change nothing.
        [typeof(RequestPasswordReset.Command)] = ("OOOOOO", _ => new RequestPasswordReset.Command("nobody@example.com", null)),
        [typeof(ResetPassword.Command)] = ("OOOOOO", _ => new ResetPassword.Command { UserId = "nobody", Token = "x", NewPassword = "a long enough passphrase", ConfirmPassword = "a long enough passphrase" }),
        [typeof(ChangePassword.Command)] = ("FOOOOO", _ => new ChangePassword.Command()),
        [typeof(ListSessions.Query)] = ("FOOOOO", _ => new ListSessions.Query(null)),
        // One's own sessions only: an id that is not the caller's is not found.
        [typeof(EndSession.Command)] = ("FNNNNN", _ => new EndSession.Command("00000000000000000000000000000000")),
        [typeof(EndAllSessions.Command)] = ("FOOOOO", _ => new EndAllSessions.Command()),
        [typeof(SetLanguage.Command)] = ("FOOOOO", _ => new SetLanguage.Command("ja")),
        // Alerts are the caller's own: another's (or none) is not found.
        [typeof(FastTrack.Features.Alerts.ListAlerts.Query)] = ("FOOOOO", _ => new FastTrack.Features.Alerts.ListAlerts.Query()),
        [typeof(FastTrack.Features.Alerts.MarkAlertRead.Command)] = ("FNNNNN", _ => new FastTrack.Features.Alerts.MarkAlertRead.Command(-1)),
        [typeof(FastTrack.Features.Alerts.MarkAllAlertsRead.Command)] = ("FOOOOO", _ => new FastTrack.Features.Alerts.MarkAllAlertsRead.Command()),
        [typeof(FastTrack.Features.Alerts.GetAlertPreferences.Query)] = ("FOOOOO", _ => new FastTrack.Features.Alerts.GetAlertPreferences.Query()),
        [typeof(FastTrack.Features.Alerts.SaveAlertPreferences.Command)] = ("FOOOOO", _ => new FastTrack.Features.Alerts.SaveAlertPreferences.Command
        {
            Choices = [new() { Kind = FastTrack.Domain.Alerts.AlertKind.ReadyForReview, Delivery = FastTrack.Domain.Alerts.AlertDelivery.Off }],
        }),
        // Sent by the web layer's OIDC callback after the provider's id token was validated (SsoSignInTests).
        [typeof(SsoSignIn.Command)] = ("OOOOOO", _ => new SsoSignIn.Command("https://idp.example/", "nobody", null, null, null, null, SsoSignIn.NewUsers.Approve, null)),
        [typeof(RecordSsoRefusal.Command)] = ("OOOOOO", _ => new RecordSsoRefusal.Command("expired", null)),
        [typeof(ListSignUps.Query)] = ("FOFFFF", _ => new ListSignUps.Query()),
        [typeof(ApproveSignUp.Command)] = ("FOFFFF", _ => new ApproveSignUp.Command()),
        [typeof(RejectSignUp.Command)] = ("FNFFFF", _ => new RejectSignUp.Command(-1, 0)),
        [typeof(SetUpFirstAdmin.Query)] = ("OOOOOO", _ => new SetUpFirstAdmin.Query()),
        [typeof(SetUpFirstAdmin.Command)] = ("OOOOOO", _ => new SetUpFirstAdmin.Command()),
        [typeof(BrowseAudit.Query)] = ("FOFFFF", _ => new BrowseAudit.Query()),
        [typeof(BrowseCatalogue.Query)] = ("FOOOOO", _ => new BrowseCatalogue.Query(new CatalogueFilter())),
        [typeof(GetTask.Query)] = ("FOOOOO", _ => new GetTask.Query(994)),
        [typeof(ExportCatalogue.Query)] = ("FOOOOO", _ => new ExportCatalogue.Query()),
        [typeof(GetTaskChoices.Query)] = ("FOFFFF", _ => new GetTaskChoices.Query()),
        [typeof(CreateTask.Command)] = ("FOFFFF", _ => new CreateTask.Command()),
        [typeof(EditTask.Command)] = ("FOFFFF", _ => new EditTask.Command()),
        [typeof(GetSection.Query)] = ("FOFFFF", _ => new GetSection.Query(1)),
        [typeof(EditSection.Command)] = ("FOFFFF", _ => new EditSection.Command()),
        [typeof(GetProcess.Query)] = ("FOFFFF", _ => new GetProcess.Query(1)),
        [typeof(EditProcess.Command)] = ("FOFFFF", _ => new EditProcess.Command()),
        [typeof(RetireTask.Command)] = ("FOFFFF", _ => new RetireTask.Command(994, -1)),
        [typeof(RestoreTask.Command)] = ("FOFFFF", _ => new RestoreTask.Command(994, -1)),
        [typeof(PreviewImport.Command)] = ("FOFFFF", _ => new PreviewImport.Command()),
        [typeof(ApplyImport.Command)] = ("FOFFFF", _ => new ApplyImport.Command()),
        [typeof(ListCustomers.Query)] = ("FOOOOO", _ => new ListCustomers.Query()),
        [typeof(GetCustomer.Query)] = ("FOOOON", w => new GetCustomer.Query(w.CustomerA)),
        [typeof(CreateCustomer.Command)] = ("FOOFFF", _ => new CreateCustomer.Command()),
        [typeof(EditCustomer.Query)] = ("FOOFFF", w => new EditCustomer.Query(w.CustomerA)),
        [typeof(EditCustomer.Command)] = ("FOOFFF", w => new EditCustomer.Command { Id = w.CustomerA }),
        [typeof(ListEngagements.Query)] = ("FOOOOO", _ => new ListEngagements.Query()),
        [typeof(GetEngagementLookups.Query)] = ("FOOOOO", _ => new GetEngagementLookups.Query()),
        [typeof(GetEngagementLookups.FilterQuery)] = ("FOOOOO", _ => new GetEngagementLookups.FilterQuery()),
        [typeof(GetEngagement.Query)] = ("FOOOON", w => new GetEngagement.Query(w.EngagementA)),
        [typeof(GetPortfolio.Query)] = ("FOOFFF", _ => new GetPortfolio.Query(true)),
        [typeof(CreateEngagement.Command)] = ("FOOFFF", _ => new CreateEngagement.Command()),
        [typeof(EditEngagement.Query)] = ("FOOFFF", w => new EditEngagement.Query(w.EngagementA)),
        [typeof(EditEngagement.Command)] = ("FOOFFF", w => new EditEngagement.Command { Id = w.EngagementA }),
        [typeof(MoveEngagement.Command)] = ("FOOFFF", w => new MoveEngagement.Command { EngagementId = w.EngagementA, Version = -1, OverrideReason = "x" }),
        [typeof(CompleteSuccessReview.Command)] = ("FOOFFF", w => new CompleteSuccessReview.Command { EngagementId = w.EngagementA }),
        [typeof(SaveServicePlan.Query)] = ("FOOFFF", w => new SaveServicePlan.Query(w.EngagementA, "Teams")),
        [typeof(SaveServicePlan.Command)] = ("FOOFFF", w => new SaveServicePlan.Command { EngagementId = w.EngagementA }),
        [typeof(AssignPartnerStaff.Query)] = ("FOOFFF", w => new AssignPartnerStaff.Query(w.EngagementA)),
        [typeof(AssignPartnerStaff.Command)] = ("FOOFFF", w => new AssignPartnerStaff.Command { EngagementId = w.EngagementA, UserIds = [w.PartnerAAssigned.Id!] }),
        [typeof(SetTaskStatus.Command)] = ("FOOOFN", w => new SetTaskStatus.Command { EngagementId = w.EngagementA, TaskId = w.TaskA, Version = -1 }),
        [typeof(RecordUsage.Command)] = ("FOOOFN", w => new RecordUsage.Command { EngagementId = w.EngagementA }),
        [typeof(SetWorkloadStatus.Command)] = ("FOOOFN", w => new SetWorkloadStatus.Command { EngagementId = w.EngagementA }),
        [typeof(AddNote.Command)] = ("FOOOFN", w => new AddNote.Command { EngagementId = w.EngagementA }),
        [typeof(RecordCustomerContact.Command)] = ("FOOOFN", w => new RecordCustomerContact.Command { EngagementId = w.EngagementA, Version = -1 }),
        [typeof(SetServiceTarget.Command)] = ("FOOFFF", w => new SetServiceTarget.Command { EngagementId = w.EngagementA, Version = -1 }),
        [typeof(RecordReferral.Query)] = ("FOOOFN", w => new RecordReferral.Query(w.EngagementA)),
        [typeof(RecordReferral.Command)] = ("FOOOFN", w => new RecordReferral.Command { EngagementId = w.EngagementA }),
        [typeof(GetPartnerHome.Query)] = ("FFFOOO", _ => new GetPartnerHome.Query()),
        [typeof(ListOrganisations.Query)] = ("FOFFFF", _ => new ListOrganisations.Query()),
        [typeof(GetOrganisation.Query)] = ("FOFFFF", w => new GetOrganisation.Query(w.OrgA)),
        [typeof(CreateOrganisation.Command)] = ("FOFFFF", _ => new CreateOrganisation.Command()),
        [typeof(RenameOrganisation.Command)] = ("FOFFFF", w => new RenameOrganisation.Command { Id = w.OrgA }),
        [typeof(ListUsers.Query)] = ("FOFFFF", _ => new ListUsers.Query()),
        [typeof(CreateUser.Command)] = ("FOFFFF", _ => new CreateUser.Command()),
        [typeof(EditUser.Query)] = ("FOFFFF", w => new EditUser.Query(w.PartnerAAssigned.Id!)),
        [typeof(EditUser.Command)] = ("FOFFFF", w => new EditUser.Command { Id = w.PartnerAAssigned.Id! }),
        [typeof(ImportUsage.Command)] = ("FOOOOO", w => new ImportUsage.Command { Content = $"EngagementId,Service,Date,ActiveUsers\n{w.EngagementA},Teams,2026-01-31,1\n", DryRun = true }),
        // Partner A not assigned is Alpha's organisation admin: tokens of Alpha's users (TokensOfAnOrganisationTests).
        [typeof(IssueToken.Command)] = ("FOFFOF", _ => new IssueToken.Command()),
        [typeof(ChangePhasePlan.Command)] = ("FOOFFF", w => new ChangePhasePlan.Command { EngagementId = w.EngagementA }),
        [typeof(ListPhases.Query)] = ("FOFFFF", _ => new ListPhases.Query()),
        [typeof(GetPhase.Query)] = ("FOFFFF", _ => new GetPhase.Query(1)),
        [typeof(AddPhase.Command)] = ("FOFFFF", _ => new AddPhase.Command()),
        [typeof(EditPhase.Command)] = ("FOFFFF", _ => new EditPhase.Command()),
        [typeof(MovePhase.Command)] = ("FOFFFF", _ => new MovePhase.Command(1, -1, true)),
        [typeof(RetirePhase.Command)] = ("FOFFFF", _ => new RetirePhase.Command(1, -1)),
        [typeof(RestorePhase.Command)] = ("FOFFFF", _ => new RestorePhase.Command(1, -1)),
        [typeof(ListRoles.Query)] = ("FOFFFF", _ => new ListRoles.Query()),
        [typeof(GetRole.Query)] = ("FOFFFF", _ => new GetRole.Query(1)),
        [typeof(AddRole.Command)] = ("FOFFFF", _ => new AddRole.Command()),
        [typeof(EditRole.Command)] = ("FOFFFF", _ => new EditRole.Command()),
        [typeof(RetireRole.Command)] = ("FOFFFF", _ => new RetireRole.Command(1, -1)),
        [typeof(RestoreRole.Command)] = ("FOFFFF", _ => new RestoreRole.Command(1, -1)),
        [typeof(ListTokens.Query)] = ("FOFFOF", _ => new ListTokens.Query()),
        // No such token: an admin gets past authorization to "not found".
        [typeof(RevokeToken.Command)] = ("FNFFNF", _ => new RevokeToken.Command(-1)),
        [typeof(RotateToken.Command)] = ("FNFFNF", _ => new RotateToken.Command(-1)),
    };

    [Fact]
    public void Every_request_of_the_core_has_a_row_and_declares_who_may_send_it()
    {
        var requests = typeof(FastTrack.Common.CoreServices).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
            .ToList();
        Assert.Empty(requests.Where(t => !Table.ContainsKey(t)).Select(t => t.FullName));
        Assert.Empty(Table.Keys.Where(t => !requests.Contains(t)).Select(t => t.FullName));
        Assert.All(requests, t => Assert.True(
            t.IsDefined(typeof(AllowedRolesAttribute), false) || t.IsDefined(typeof(AnySignedInUserAttribute), false) || t.IsDefined(typeof(AllowAnonymousRequestAttribute), false),
            $"{t.FullName} declares no access rule"));
    }

    [Fact]
    public async Task Every_request_against_every_persona_gives_the_expected_result()
    {
        await using var w = await PartnerWorld.CreateAsync();
        TestUser[] personas = [TestUser.Anonymous, w.Admin, w.Fm, w.PartnerAAssigned, w.PartnerANotAssigned, w.PartnerB];
        var mismatches = new List<string>();
        foreach (var (type, (expected, make)) in Table)
        {
            for (var i = 0; i < personas.Length; i++)
            {
                var actual = await OutcomeAsync(w, make(w), personas[i]);
                if (actual != expected[i]) mismatches.Add($"{type.DeclaringType?.Name}.{type.Name} as {personas[i].Name}: expected {expected[i]}, got {actual}");
            }
        }
        Assert.Empty(mismatches);
    }

    private static async Task<char> OutcomeAsync(PartnerWorld w, object request, TestUser user)
    {
        try
        {
            await w.F.Db.SendObject(request, user, w.F.Clock);
            return 'O';
        }
        catch (ForbiddenException) { return 'F'; }
        catch (NotFoundException) { return 'N'; }
        // Anything else (a validation failure, a refused rule, an edit conflict, a service the core test host lacks such
        // as the web's sign-in manager) happened after the authorization behaviour let the request through.
        catch (Exception) { return 'O'; }
    }
}
