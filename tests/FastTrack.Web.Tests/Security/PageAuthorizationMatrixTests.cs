using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Every page and every handler of the running app (found through its action descriptors, so a page added later without
/// a row fails the suite), requested by each persona: anonymous, Admin, FastTrackManager, Partner A assigned, Partner A
/// not assigned, Partner B — GET, and POST with a valid antiforgery token. Codes: O = served (200, or a redirect that is
/// not to the sign-in page), S = sent to sign in, F = 403, N = 404.
/// </summary>
public partial class PageAuthorizationMatrixTests
{
    /// <summary>Key "METHOD /Page[?handler=Name]" → (URL with {A} engagement A, {CA} customer A, {U} a user, {O} organisation A; form fields; expected codes).</summary>
    private static readonly (string Key, string Url, string Form, string Expected)[] Table =
    [
        // The page that says "you may not do this" answers 403 itself.
        ("GET /Account/Denied", "/Account/Denied", "", "FFFFFF"),
        ("GET /Account/SignIn", "/Account/SignIn", "", "OOOOOO"),
        ("POST /Account/SignIn", "/Account/SignIn", "", "OOOOOO"),
        // Single sign-on is not configured in this world: its start is not found (SsoSignInTests run it with a provider).
        ("POST /Account/SignIn?handler=Sso", "/Account/SignIn?handler=Sso", "", "NNNNNN"),
        ("GET /Account/Pending", "/Account/Pending", "", "OOOOOO"),
        // Anyone may ask for a reset link and use one (this world sends no mail: the request is refused with a message).
        ("GET /Account/ForgotPassword", "/Account/ForgotPassword", "", "OOOOOO"),
        ("POST /Account/ForgotPassword", "/Account/ForgotPassword", "", "OOOOOO"),
        ("GET /Account/ResetPassword", "/Account/ResetPassword", "", "OOOOOO"),
        ("POST /Account/ResetPassword", "/Account/ResetPassword", "", "OOOOOO"),
        ("GET /Account/SignOut", "/Account/SignOut", "", "SOOOOO"),
        ("GET /Account/Profile", "/Account/Profile", "", "SOOOOO"),
        ("POST /Account/Profile", "/Account/Profile", "", "SOOOOO"),
        // Someone else's (or no) session is not found; one's own other sessions are ended (SessionsTests).
        ("POST /Account/Profile?handler=EndSession", "/Account/Profile?handler=EndSession&session=00000000000000000000000000000000", "", "SNNNNN"),
        ("POST /Account/Profile?handler=Alerts", "/Account/Profile?handler=Alerts", "", "SOOOOO"),
        ("GET /Alerts/Index", "/Alerts", "", "SOOOOO"),
        // One's own alerts only: no such alert (or another's) is not found.
        ("POST /Alerts/Index?handler=Read", "/Alerts?handler=Read&id=-1", "", "SNNNNN"),
        ("POST /Alerts/Index?handler=AllRead", "/Alerts?handler=AllRead", "", "SOOOOO"),
        ("GET /Admin/Audit/Index", "/Admin/Audit", "", "SOFFFF"),
        ("GET /Admin/Organisations/Index", "/Admin/Organisations", "", "SOFFFF"),
        ("POST /Admin/Organisations/Index", "/Admin/Organisations", "", "SOFFFF"),
        ("GET /Admin/Organisations/Details", "/Admin/Organisations/{O}", "", "SOFFFF"),
        ("POST /Admin/Organisations/Details", "/Admin/Organisations/{O}", "", "SOFFFF"),
        // Partner A not assigned is Alpha's organisation admin: the tokens of Alpha's users only (OrganisationTokensTests).
        ("GET /Admin/Tokens/Index", "/Admin/Tokens", "", "SOFFOF"),
        ("POST /Admin/Tokens/Index", "/Admin/Tokens", "", "SOFFOF"),
        // No such token: an admin gets past authorization to "not found".
        ("POST /Admin/Tokens/Index?handler=Revoke", "/Admin/Tokens?handler=Revoke&id=-1", "", "SNFFNF"),
        ("POST /Admin/Tokens/Index?handler=Rotate", "/Admin/Tokens?handler=Rotate&id=-1", "", "SNFFNF"),
        ("GET /Admin/Users/Index", "/Admin/Users", "", "SOFFFF"),
        ("GET /Admin/Users/New", "/Admin/Users/New", "", "SOFFFF"),
        ("GET /Admin/Users/Pending", "/Admin/Users/Pending", "", "SOFFFF"),
        ("POST /Admin/Users/Pending?handler=Approve", "/Admin/Users/Pending?handler=Approve", "", "SOFFFF"),
        // No such sign-up: an admin gets past authorization to "not found".
        ("POST /Admin/Users/Pending?handler=Reject", "/Admin/Users/Pending?handler=Reject&id=-1&version=0", "", "SNFFFF"),
        ("POST /Admin/Users/New", "/Admin/Users/New", "", "SOFFFF"),
        ("GET /Admin/Users/Edit", "/Admin/Users/{U}/Edit", "", "SOFFFF"),
        ("POST /Admin/Users/Edit", "/Admin/Users/{U}/Edit", "", "SOFFFF"),
        ("GET /Catalogue/Index", "/Catalogue", "", "SOOOOO"),
        ("GET /Catalogue/Export", "/Catalogue/Export", "", "SOOOOO"),
        ("GET /Catalogue/Import", "/Catalogue/Import", "", "SOFFFF"),
        ("POST /Catalogue/Import?handler=Preview", "/Catalogue/Import?handler=Preview", "", "SOFFFF"),
        ("POST /Catalogue/Import?handler=Apply", "/Catalogue/Import?handler=Apply", "", "SOFFFF"),
        ("GET /Catalogue/Update", "/Catalogue/Update", "", "SOFFFF"),
        ("POST /Catalogue/Update", "/Catalogue/Update", "", "SOFFFF"),
        ("GET /Catalogue/Phases/Index", "/Catalogue/Phases", "", "SOFFFF"),
        ("POST /Catalogue/Phases/Index", "/Catalogue/Phases", "", "SOFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Earlier", "/Catalogue/Phases?handler=Earlier", "Id=1&Version=-1", "SOFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Later", "/Catalogue/Phases?handler=Later", "Id=1&Version=-1", "SOFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Retire", "/Catalogue/Phases?handler=Retire", "Id=1&Version=-1", "SOFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Restore", "/Catalogue/Phases?handler=Restore", "Id=1&Version=-1", "SOFFFF"),
        ("GET /Catalogue/Phases/Edit", "/Catalogue/Phases/1/Edit", "", "SOFFFF"),
        ("POST /Catalogue/Phases/Edit", "/Catalogue/Phases/1/Edit", "", "SOFFFF"),
        ("GET /Catalogue/Roles/Index", "/Catalogue/Roles", "", "SOFFFF"),
        ("POST /Catalogue/Roles/Index", "/Catalogue/Roles", "", "SOFFFF"),
        ("POST /Catalogue/Roles/Index?handler=Retire", "/Catalogue/Roles?handler=Retire", "Id=1&Version=-1", "SOFFFF"),
        ("POST /Catalogue/Roles/Index?handler=Restore", "/Catalogue/Roles?handler=Restore", "Id=1&Version=-1", "SOFFFF"),
        ("GET /Catalogue/Roles/Edit", "/Catalogue/Roles/1/Edit", "", "SOFFFF"),
        ("POST /Catalogue/Roles/Edit", "/Catalogue/Roles/1/Edit", "", "SOFFFF"),
        ("GET /Catalogue/Processes/Edit", "/Catalogue/Processes/1/Edit", "", "SOFFFF"),
        ("POST /Catalogue/Processes/Edit", "/Catalogue/Processes/1/Edit", "", "SOFFFF"),
        ("GET /Catalogue/Sections/Edit", "/Catalogue/Sections/1/Edit", "", "SOFFFF"),
        ("POST /Catalogue/Sections/Edit", "/Catalogue/Sections/1/Edit", "", "SOFFFF"),
        ("GET /Catalogue/Tasks/Details", "/Catalogue/Tasks/994", "", "SOOOOO"),
        ("POST /Catalogue/Tasks/Details?handler=Retire", "/Catalogue/Tasks/994?handler=Retire", "Version=-1", "SOFFFF"),
        ("POST /Catalogue/Tasks/Details?handler=Restore", "/Catalogue/Tasks/994?handler=Restore", "Version=-1", "SOFFFF"),
        ("GET /Catalogue/Tasks/New", "/Catalogue/Tasks/New", "", "SOFFFF"),
        ("POST /Catalogue/Tasks/New", "/Catalogue/Tasks/New", "", "SOFFFF"),
        ("GET /Catalogue/Tasks/Edit", "/Catalogue/Tasks/994/Edit", "", "SOFFFF"),
        ("POST /Catalogue/Tasks/Edit", "/Catalogue/Tasks/994/Edit", "", "SOFFFF"),
        ("GET /Culture", "/Culture", "", "OOOOOO"),
        ("POST /Culture", "/Culture", "culture=en&returnUrl=/", "OOOOOO"),
        ("GET /Customers/Index", "/Customers", "", "SOOOOO"),
        ("GET /Customers/Details", "/Customers/{CA}", "", "SOOOON"),
        ("GET /Customers/New", "/Customers/New", "", "SOOFFF"),
        ("POST /Customers/New", "/Customers/New", "", "SOOFFF"),
        ("GET /Customers/Edit", "/Customers/{CA}/Edit", "", "SOOFFF"),
        ("POST /Customers/Edit", "/Customers/{CA}/Edit", "", "SOOFFF"),
        ("GET /Engagements/Index", "/Engagements", "", "SOOOOO"),
        ("GET /Engagements/New", "/Engagements/New", "", "SOOFFF"),
        ("POST /Engagements/New", "/Engagements/New", "", "SOOFFF"),
        ("GET /Engagements/Details", "/Engagements/{A}", "", "SOOOON"),
        ("POST /Engagements/Details?handler=Task", "/Engagements/{A}?handler=Task", "Data.TaskId={T}&Data.Version=-1&Data.Status=InProgress", "SOOOFN"),
        ("POST /Engagements/Details?handler=Note", "/Engagements/{A}?handler=Note", "", "SOOOFN"),
        ("POST /Engagements/Details?handler=Contact", "/Engagements/{A}?handler=Contact", "Data.Version=-1", "SOOOFN"),
        ("POST /Engagements/Details?handler=Target", "/Engagements/{A}?handler=Target", "Data.Service=Teams&Data.Version=-1", "SOOFFF"),
        ("POST /Engagements/Details?handler=Move", "/Engagements/{A}?handler=Move", "Data.Version=-1", "SOOFFF"),
        ("POST /Engagements/Details?handler=Plan", "/Engagements/{A}?handler=Plan", "Data.Version=-1", "SOOFFF"),
        ("POST /Engagements/Details?handler=Review", "/Engagements/{A}?handler=Review", "", "SOOFFF"),
        ("GET /Engagements/Edit", "/Engagements/{A}/Edit", "", "SOOFFF"),
        ("POST /Engagements/Edit", "/Engagements/{A}/Edit", "", "SOOFFF"),
        ("GET /Engagements/Dibs", "/Engagements/{A}/Dibs?service=Teams", "", "SOOFFF"),
        ("POST /Engagements/Dibs", "/Engagements/{A}/Dibs", "", "SOOFFF"),
        ("GET /Engagements/Partners", "/Engagements/{A}/Partners", "", "SOOFFF"),
        ("POST /Engagements/Partners", "/Engagements/{A}/Partners", "Data.UserIds={PA}", "SOOFFF"),
        ("GET /Engagements/Usage", "/Engagements/{A}/Usage", "", "SOOOON"),
        ("POST /Engagements/Usage", "/Engagements/{A}/Usage", "", "SOOOFN"),
        ("GET /Engagements/Workloads", "/Engagements/{A}/Workloads", "", "SOOOON"),
        ("POST /Engagements/Workloads", "/Engagements/{A}/Workloads", "", "SOOOFN"),
        // Task 983 QuickLeads: the FM and assigned partner staff record a referral, like other task work.
        ("GET /Engagements/Referrals", "/Engagements/{A}/Referrals", "", "SOOOFN"),
        ("POST /Engagements/Referrals", "/Engagements/{A}/Referrals", "", "SOOOFN"),
        ("GET /Error", "/Error", "", "OOOOOO"),
        ("POST /Error", "/Error", "", "OOOOOO"),
        ("GET /Index", "/", "", "SOOOOO"),
        // First-run setup is closed for ever once a user exists.
        ("GET /Setup", "/Setup", "", "NNNNNN"),
        ("POST /Setup", "/Setup", "", "NNNNNN"),
        // Last: it ends the persona's session and sends them to the sign-in page.
        ("POST /Account/SignOut", "/Account/SignOut", "", "SSSSSS"),
        ("POST /Account/Profile?handler=EndAll", "/Account/Profile?handler=EndAll", "", "SSSSSS"),
    ];

    [Fact]
    public async Task Every_page_and_handler_of_the_app_has_a_row()
    {
        using var app = new AppFactory();
        var found = await PageHandlersAsync(app);
        var missing = found.Except(Table.Select(r => r.Key)).ToList();
        Assert.True(missing.Count == 0, "Pages without a row: " + string.Join(", ", missing));
        var gone = Table.Select(r => r.Key).Except(found).ToList();
        Assert.True(gone.Count == 0, "Rows without a page: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_page_and_handler_against_every_persona_gives_the_expected_result()
    {
        await using var w = await PageWorld.CreateAsync();
        var tokens = new Dictionary<string, string>();
        foreach (var name in PageWorld.PersonaNames)
            tokens[name] = await TokenAsync(w.Personas[name], name == "anonymous" ? "/Account/SignIn" : "/");
        var mismatches = new List<string>();
        foreach (var (key, template, form, expected) in Table)
        {
            var url = Fill(template, w);
            for (var i = 0; i < PageWorld.PersonaNames.Length; i++)
            {
                var name = PageWorld.PersonaNames[i];
                var client = w.Personas[name];
                HttpResponseMessage response;
                if (key.StartsWith("GET ", StringComparison.Ordinal)) response = await client.GetAsync(url);
                else
                {
                    var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", tokens[name]) };
                    foreach (var pair in Fill(form, w).Split('&', StringSplitOptions.RemoveEmptyEntries))
                        fields.Add(new(pair.Split('=')[0], pair.Split('=')[1]));
                    response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
                }
                var actual = Code(response);
                if (actual != expected[i]) mismatches.Add($"{key} as {name}: expected {expected[i]}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static char Code(HttpResponseMessage r) => r.StatusCode switch
    {
        HttpStatusCode.OK => 'O',
        HttpStatusCode.Redirect or HttpStatusCode.Found when r.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.OrdinalIgnoreCase) == true => 'S',
        HttpStatusCode.Redirect or HttpStatusCode.Found => 'O',
        HttpStatusCode.Forbidden => 'F',
        HttpStatusCode.NotFound => 'N',
        _ => '?',
    };

    private static string Fill(string s, PageWorld w) => s
        .Replace("{A}", w.EngagementA.ToString()).Replace("{CA}", w.CustomerA.ToString()).Replace("{T}", w.TaskA.ToString())
        .Replace("{U}", w.PartnerBId).Replace("{O}", w.OrgA.ToString()).Replace("{PA}", w.PartnerAAssignedId);

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>"GET /Engagements/Details", "POST /Engagements/Details?handler=Task" … for every page the app serves.</summary>
    internal static async Task<List<string>> PageHandlersAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var descriptors = scope.ServiceProvider.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().DistinctBy(d => d.ViewEnginePath).ToList();
        var loader = scope.ServiceProvider.GetRequiredService<PageLoader>();
        var keys = new List<string>();
        foreach (var d in descriptors)
        {
            var compiled = await loader.LoadAsync(d, EndpointMetadataCollection.Empty);
            var handlers = compiled.HandlerMethods.Select(h => $"{h.HttpMethod.ToUpperInvariant()} {d.ViewEnginePath}{(h.Name is null ? "" : "?handler=" + h.Name)}").ToList();
            if (!compiled.HandlerMethods.Any(h => h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase))) handlers.Add($"GET {d.ViewEnginePath}");
            keys.AddRange(handlers);
        }
        return keys.Distinct().ToList();
    }
}
