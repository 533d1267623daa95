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
        ("GET /Account/Denied", "/Account/Denied", "", "FFFFFFF"),
        ("GET /Account/SignIn", "/Account/SignIn", "", "OOOOOOO"),
        ("POST /Account/SignIn", "/Account/SignIn", "", "OOOOOOO"),
        // Single sign-on is not configured in this world: its start is not found (SsoSignInTests run it with a provider).
        ("POST /Account/SignIn?handler=Sso", "/Account/SignIn?handler=Sso", "", "NNNNNNN"),
        ("GET /Account/Pending", "/Account/Pending", "", "OOOOOOO"),
        // Anyone may ask for a reset link and use one (this world sends no mail: the request is refused with a message).
        ("GET /Account/ForgotPassword", "/Account/ForgotPassword", "", "OOOOOOO"),
        ("POST /Account/ForgotPassword", "/Account/ForgotPassword", "", "OOOOOOO"),
        ("GET /Account/ResetPassword", "/Account/ResetPassword", "", "OOOOOOO"),
        ("POST /Account/ResetPassword", "/Account/ResetPassword", "", "OOOOOOO"),
        ("GET /Account/SignOut", "/Account/SignOut", "", "SOOOOOO"),
        ("GET /Account/Profile", "/Account/Profile", "", "SOOOOOO"),
        ("POST /Account/Profile", "/Account/Profile", "", "SOOOOOO"),
        // Someone else's (or no) session is not found; one's own other sessions are ended (SessionsTests).
        ("POST /Account/Profile?handler=EndSession", "/Account/Profile?handler=EndSession&session=00000000000000000000000000000000", "", "SNNNNNN"),
        ("POST /Account/Profile?handler=Alerts", "/Account/Profile?handler=Alerts", "", "SOOOOOO"),
        ("GET /Alerts/Index", "/Alerts", "", "SOOOOOO"),
        // One's own alerts only: no such alert (or another's) is not found.
        ("POST /Alerts/Index?handler=Read", "/Alerts?handler=Read&id=-1", "", "SNNNNNN"),
        ("POST /Alerts/Index?handler=AllRead", "/Alerts?handler=AllRead", "", "SOOOOOO"),
        ("GET /Admin/Audit/Index", "/Admin/Audit", "", "SOFFFFF"),
        ("GET /Admin/Organisations/Index", "/Admin/Organisations", "", "SOFFFFF"),
        ("POST /Admin/Organisations/Index", "/Admin/Organisations", "", "SOFFFFF"),
        ("GET /Admin/Organisations/Details", "/Admin/Organisations/{O}", "", "SOFFFFF"),
        ("POST /Admin/Organisations/Details", "/Admin/Organisations/{O}", "", "SOFFFFF"),
        // Partner A not assigned is Alpha's organisation admin: the tokens of Alpha's users only (OrganisationTokensTests).
        ("GET /Admin/Tokens/Index", "/Admin/Tokens", "", "SOFFFOF"),
        ("POST /Admin/Tokens/Index", "/Admin/Tokens", "", "SOFFFOF"),
        // No such token: an admin gets past authorization to "not found".
        ("POST /Admin/Tokens/Index?handler=Revoke", "/Admin/Tokens?handler=Revoke&id=-1", "", "SNFFFNF"),
        ("POST /Admin/Tokens/Index?handler=Rotate", "/Admin/Tokens?handler=Rotate&id=-1", "", "SNFFFNF"),
        ("GET /Admin/Users/Index", "/Admin/Users", "", "SOFFFFF"),
        ("GET /Admin/Users/New", "/Admin/Users/New", "", "SOFFFFF"),
        ("GET /Admin/Users/Pending", "/Admin/Users/Pending", "", "SOFFFFF"),
        ("POST /Admin/Users/Pending?handler=Approve", "/Admin/Users/Pending?handler=Approve", "", "SOFFFFF"),
        // No such sign-up: an admin gets past authorization to "not found".
        ("POST /Admin/Users/Pending?handler=Reject", "/Admin/Users/Pending?handler=Reject&id=-1&version=0", "", "SNFFFFF"),
        ("POST /Admin/Users/New", "/Admin/Users/New", "", "SOFFFFF"),
        ("GET /Admin/Users/Edit", "/Admin/Users/{U}/Edit", "", "SOFFFFF"),
        ("POST /Admin/Users/Edit", "/Admin/Users/{U}/Edit", "", "SOFFFFF"),
        ("GET /Catalogue/Index", "/Catalogue", "", "SOOOOOO"),
        ("GET /Catalogue/Export", "/Catalogue/Export", "", "SOOOOOO"),
        ("GET /Catalogue/Import", "/Catalogue/Import", "", "SOFFFFF"),
        ("POST /Catalogue/Import?handler=Preview", "/Catalogue/Import?handler=Preview", "", "SOFFFFF"),
        ("POST /Catalogue/Import?handler=Apply", "/Catalogue/Import?handler=Apply", "", "SOFFFFF"),
        ("GET /Catalogue/Update", "/Catalogue/Update", "", "SOFFFFF"),
        ("POST /Catalogue/Update", "/Catalogue/Update", "", "SOFFFFF"),
        ("GET /Catalogue/Phases/Index", "/Catalogue/Phases", "", "SOFFFFF"),
        ("POST /Catalogue/Phases/Index", "/Catalogue/Phases", "", "SOFFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Earlier", "/Catalogue/Phases?handler=Earlier", "Id=1&Version=-1", "SOFFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Later", "/Catalogue/Phases?handler=Later", "Id=1&Version=-1", "SOFFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Retire", "/Catalogue/Phases?handler=Retire", "Id=1&Version=-1", "SOFFFFF"),
        ("POST /Catalogue/Phases/Index?handler=Restore", "/Catalogue/Phases?handler=Restore", "Id=1&Version=-1", "SOFFFFF"),
        ("GET /Catalogue/Phases/Edit", "/Catalogue/Phases/1/Edit", "", "SOFFFFF"),
        ("POST /Catalogue/Phases/Edit", "/Catalogue/Phases/1/Edit", "", "SOFFFFF"),
        ("GET /Catalogue/Roles/Index", "/Catalogue/Roles", "", "SOFFFFF"),
        ("POST /Catalogue/Roles/Index", "/Catalogue/Roles", "", "SOFFFFF"),
        ("POST /Catalogue/Roles/Index?handler=Retire", "/Catalogue/Roles?handler=Retire", "Id=1&Version=-1", "SOFFFFF"),
        ("POST /Catalogue/Roles/Index?handler=Restore", "/Catalogue/Roles?handler=Restore", "Id=1&Version=-1", "SOFFFFF"),
        ("GET /Catalogue/Roles/Edit", "/Catalogue/Roles/1/Edit", "", "SOFFFFF"),
        ("POST /Catalogue/Roles/Edit", "/Catalogue/Roles/1/Edit", "", "SOFFFFF"),
        ("GET /Catalogue/Processes/Edit", "/Catalogue/Processes/1/Edit", "", "SOFFFFF"),
        ("POST /Catalogue/Processes/Edit", "/Catalogue/Processes/1/Edit", "", "SOFFFFF"),
        ("GET /Catalogue/Sections/Edit", "/Catalogue/Sections/1/Edit", "", "SOFFFFF"),
        ("POST /Catalogue/Sections/Edit", "/Catalogue/Sections/1/Edit", "", "SOFFFFF"),
        ("GET /Catalogue/Tasks/Details", "/Catalogue/Tasks/994", "", "SOOOOOO"),
        ("POST /Catalogue/Tasks/Details?handler=Retire", "/Catalogue/Tasks/994?handler=Retire", "Version=-1", "SOFFFFF"),
        ("POST /Catalogue/Tasks/Details?handler=Restore", "/Catalogue/Tasks/994?handler=Restore", "Version=-1", "SOFFFFF"),
        ("GET /Catalogue/Tasks/New", "/Catalogue/Tasks/New", "", "SOFFFFF"),
        ("POST /Catalogue/Tasks/New", "/Catalogue/Tasks/New", "", "SOFFFFF"),
        ("GET /Catalogue/Tasks/Edit", "/Catalogue/Tasks/994/Edit", "", "SOFFFFF"),
        ("POST /Catalogue/Tasks/Edit", "/Catalogue/Tasks/994/Edit", "", "SOFFFFF"),
        ("GET /Culture", "/Culture", "", "OOOOOOO"),
        ("POST /Culture", "/Culture", "culture=en&returnUrl=/", "OOOOOOO"),
        ("GET /Customers/Index", "/Customers", "", "SOOOOOO"),
        ("GET /Customers/Details", "/Customers/{CA}", "", "SOOOOON"),
        ("GET /Customers/New", "/Customers/New", "", "SOOOFFF"),
        ("POST /Customers/New", "/Customers/New", "", "SOOOFFF"),
        ("GET /Customers/Edit", "/Customers/{CA}/Edit", "", "SOOOFFF"),
        ("POST /Customers/Edit", "/Customers/{CA}/Edit", "", "SOOOFFF"),
        ("GET /Engagements/Index", "/Engagements", "", "SOOOOOO"),
        ("GET /Engagements/New", "/Engagements/New", "", "SOOOFFF"),
        ("POST /Engagements/New", "/Engagements/New", "", "SOOOFFF"),
        ("GET /Engagements/Details", "/Engagements/{A}", "", "SOOOOON"),
        ("POST /Engagements/Details?handler=Task", "/Engagements/{A}?handler=Task", "Data.TaskId={T}&Data.Version=-1&Data.Status=InProgress", "SOOOOFN"),
        ("POST /Engagements/Details?handler=Note", "/Engagements/{A}?handler=Note", "", "SOOOOFN"),
        ("POST /Engagements/Details?handler=Contact", "/Engagements/{A}?handler=Contact", "Data.Version=-1", "SOOOOFN"),
        ("POST /Engagements/Details?handler=Target", "/Engagements/{A}?handler=Target", "Data.Service=Teams&Data.Version=-1", "SOOOFFF"),
        ("POST /Engagements/Details?handler=Move", "/Engagements/{A}?handler=Move", "Data.Version=-1", "SOOOFFF"),
        ("POST /Engagements/Details?handler=Plan", "/Engagements/{A}?handler=Plan", "Data.Version=-1", "SOOOFFF"),
        ("POST /Engagements/Details?handler=Review", "/Engagements/{A}?handler=Review", "", "SOOOFFF"),
        ("GET /Engagements/Edit", "/Engagements/{A}/Edit", "", "SOOOFFF"),
        ("POST /Engagements/Edit", "/Engagements/{A}/Edit", "", "SOOOFFF"),
        ("GET /Engagements/Dibs", "/Engagements/{A}/Dibs?service=Teams", "", "SOOOFFF"),
        ("POST /Engagements/Dibs", "/Engagements/{A}/Dibs", "", "SOOOFFF"),
        ("GET /Engagements/Partners", "/Engagements/{A}/Partners", "", "SOOOFFF"),
        ("POST /Engagements/Partners", "/Engagements/{A}/Partners", "Data.UserIds={PA}", "SOOOFFF"),
        ("GET /Engagements/Usage", "/Engagements/{A}/Usage", "", "SOOOOON"),
        ("POST /Engagements/Usage", "/Engagements/{A}/Usage", "", "SOOOOFN"),
        ("GET /Engagements/Workloads", "/Engagements/{A}/Workloads", "", "SOOOOON"),
        ("POST /Engagements/Workloads", "/Engagements/{A}/Workloads", "", "SOOOOFN"),
        // Task 983 QuickLeads: the FM and assigned partner staff record a referral, like other task work.
        ("GET /Engagements/Referrals", "/Engagements/{A}/Referrals", "", "SOOOOFN"),
        ("POST /Engagements/Referrals", "/Engagements/{A}/Referrals", "", "SOOOOFN"),
        ("GET /Error", "/Error", "", "OOOOOOO"),
        ("POST /Error", "/Error", "", "OOOOOOO"),
        ("GET /Index", "/", "", "SOOOOOO"),
        // First-run setup is closed for ever once a user exists.
        ("GET /Setup", "/Setup", "", "NNNNNNN"),
        ("POST /Setup", "/Setup", "", "NNNNNNN"),
        // Last: it ends the persona's session and sends them to the sign-in page.
        ("POST /Account/SignOut", "/Account/SignOut", "", "SSSSSSS"),
        ("POST /Account/Profile?handler=EndAll", "/Account/Profile?handler=EndAll", "", "SSSSSSS"),
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
        var cells = 0;
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
                cells++;
                if (actual != expected[i]) mismatches.Add($"{key} as {name}: expected {expected[i]}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }
        output.WriteLine($"figure: page access matrix: {cells} cells ({PageWorld.PersonaNames.Length} principals), {mismatches.Count} wrong");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(Table.Length * PageWorld.PersonaNames.Length, cells);
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
