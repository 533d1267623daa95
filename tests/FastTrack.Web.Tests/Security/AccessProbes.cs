using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using FastTrack.Domain.Alerts;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;
using FastTrack.Web.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Issue 20 item 1, IDOR and mass assignment. Every id a page handler or API endpoint takes (its route values, handler
/// parameters and bound properties, found through the app's own descriptors and endpoint metadata) is requested by the
/// principals who must not reach the object it names: another organisation's engagement or customer, another user's
/// alert, token or session, another engagement's task … Each must be refused (403/404) or show nothing of it, and a
/// snapshot of every table before and after must be equal. Then every form and API body is sent as it stands for a
/// principal who may send it, with forged fields added (owner, manager, organisation, role, version, id …): no forged
/// value may reach the database.
/// </summary>
public partial class PageAuthorizationMatrixTests
{
    /// <summary>An id a handler takes: where it is bound from (route, query, form or JSON body) and under what name.</summary>
    internal sealed record IdParameter(string Key, string Name, string Source)
    {
        public override string ToString() => $"{Key} {Source} {Name}";
    }

    /// <summary>Ids by name: "Id"/"id", anything ending in Id or Ids, and a session's id ("session").</summary>
    private static bool IsIdLike(string path)
    {
        var last = path.Split('.')[^1];
        return last is "id" or "Id" or "session" || Regex.IsMatch(last, "[a-z]Ids?$");
    }

    /// <summary>What kind of object an id parameter names; null when nobody mapped it (the test below then fails).</summary>
    private static string? KindOf(IdParameter p)
    {
        var path = p.Key.Split(' ')[1].Split('?')[0];
        var last = p.Name.Split('.')[^1];
        if (last is "id" or "Id")
            return path switch
            {
                _ when path.StartsWith("/api/v1/engagements", StringComparison.Ordinal) => "engagement",
                _ when path.StartsWith("/Engagements/", StringComparison.Ordinal) => "engagement",
                _ when path.StartsWith("/Customers/", StringComparison.Ordinal) => "customer",
                "/Admin/Users/Edit" => "user",
                "/Admin/Users/Pending" => "sign-up",
                "/Admin/Organisations/Details" => "organisation",
                "/Admin/Tokens/Index" => "token",
                "/Alerts/Index" => "alert",
                _ when path.StartsWith("/Catalogue/Phases/", StringComparison.Ordinal) => "phase",
                _ when path.StartsWith("/Catalogue/Roles/", StringComparison.Ordinal) => "role",
                _ when path.StartsWith("/Catalogue/Processes/", StringComparison.Ordinal) => "process",
                _ when path.StartsWith("/Catalogue/Sections/", StringComparison.Ordinal) => "section",
                _ when path.StartsWith("/Catalogue/Tasks/", StringComparison.Ordinal) => "catalogue-task",
                _ => null,
            };
        return last.ToLowerInvariant() switch
        {
            "engagementid" => "engagement",
            "taskid" when path.StartsWith("/Catalogue", StringComparison.Ordinal) => "catalogue-task",
            "taskid" => "engagement-task",
            "customerid" => "customer",
            "userid" or "userids" or "managerid" or "ownerid" or "recipientid" => "user",
            "partnerid" or "organisationid" or "partnerorganisationid" => "organisation",
            "phaseid" => "phase",
            // Moving an engagement names any process of the catalogue: only those who may not move it are probed.
            "targetprocessid" => "target-process",
            "processid" => "process",
            // The audit filter's entity: the audit trail is for admins.
            "entityid" => "audit-entry",
            "ftopid" => "catalogue-task",
            "sectionid" => "section",
            "roleid" or "roleids" => "role",
            "session" => "session",
            _ => null,
        };
    }

    /// <summary>A principal and the id of an object of the kind they must not reach; Marker: text of it that must not be shown.</summary>
    private sealed record Probe(string Persona, string Value, string? Marker);

    private sealed record ProbeWorld(Dictionary<string, Probe[]> Probes, int EngagementC, int CustomerC, int OrgZ, string MalloryId, string PartnerBToken);

    private static async Task<ProbeWorld> ProbeWorldAsync(PageWorld w)
    {
        var a = w.App;
        var orgB = await a.OrganisationAsync("Beta Partners");
        var taskB = a.Scoped(db => db.EngagementTasks.Where(t => t.EngagementId == w.EngagementB && t.FtopId != PlaybookNames.SuccessReviewTask).OrderBy(t => t.Id).Select(t => t.Id).First());
        var alertOfFm = a.Scoped(db =>
        {
            var alert = Alert.Raise(w.FmId, AlertKind.NoCustomerResponse, w.EngagementA, "probe", "Contoso", null, null, DateTimeOffset.UtcNow);
            db.Alerts.Add(alert);
            db.SaveChanges();
            return alert.Id;
        });
        var partnerBToken = await a.TokenAsync(w.PartnerBId);
        var tokenOfPartnerB = a.Scoped(db => db.ApiTokens.Where(t => t.UserId == w.PartnerBId).Select(t => t.Id).First());
        var sessionOfFm = a.Scoped(db => db.UserSessions.Where(s => s.UserId == w.FmId && s.RevokedAt == null).Select(s => s.Id).First());
        // What forged fields point at: a user, an organisation and an engagement that no form of the sweep names.
        var mallory = await a.CreateUserInAsync("Zeta Partners", "mallory@zeta.example", Roles.Partner);
        var orgZ = await a.OrganisationAsync("Zeta Partners");
        int engagementC, customerC;
        using (var scope = a.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Data.FastTrackDbContext>();
            var playbook = new Playbook(await db.Phases.AsTracking().AsSplitQuery()
                .Include(p => p.Processes).ThenInclude(p => p.Sections).ThenInclude(s => s.Tasks).ThenInclude(t => t.Services).ToListAsync());
            var customer = new Customer("Zeta Customer", "zeta.onmicrosoft.com", null, false, null, null, null, [(ServiceNames.Teams, 10)]);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            var e = Engagement.Start(customer, w.OtherFmId, await db.PartnerOrganisations.AsTracking().SingleAsync(p => p.Id == orgZ),
                EngagementMotion.CustomerHealth, [ServiceNames.Teams], new EngagementDates(new DateOnly(2026, 1, 5), null, null, null), playbook);
            db.Engagements.Add(e);
            await db.SaveChangesAsync();
            (engagementC, customerC) = (e.Id, customer.Id);
        }
        string A = w.EngagementA.ToString(), B = w.EngagementB.ToString();
        Probe[] NonAdmins(string value) => [new("fm", value, null), new("fm-other", value, null), new("partnerA-assigned", value, null), new("partnerB", value, null)];
        var probes = new Dictionary<string, Probe[]>
        {
            ["engagement"] = [new("partnerB", A, "Contoso"), new("partnerA-assigned", B, "Northwind"), new("partnerA-not-assigned", B, "Northwind")],
            ["customer"] = [new("partnerB", w.CustomerA.ToString(), "Contoso"), new("partnerA-assigned", w.CustomerB.ToString(), "Northwind")],
            // Another engagement's task through engagement A's page and route, by everyone who may change A's tasks.
            ["engagement-task"] = [new("fm", taskB.ToString(), null), new("fm-other", taskB.ToString(), null), new("admin", taskB.ToString(), null),
                new("partnerA-assigned", taskB.ToString(), null), new("partnerB", w.TaskA.ToString(), null)],
            // Another organisation's user as partner staff, token holder or filter; users' pages by non-admins.
            ["user"] = [new("partnerA-not-assigned", w.PartnerBId, "pb@beta.example"), new("fm", w.PartnerBId, null), new("fm-other", w.AdminId, null),
                new("partnerB", w.FmId, "Contoso"), new("partnerA-assigned", w.PartnerBId, "Northwind")],
            ["organisation"] = [new("partnerA-assigned", orgB.ToString(), "Northwind"), new("partnerA-not-assigned", orgB.ToString(), "Northwind"),
                new("partnerB", w.OrgA.ToString(), "Contoso")],
            ["alert"] = [new("fm-other", alertOfFm.ToString(), null), new("admin", alertOfFm.ToString(), null), new("partnerA-assigned", alertOfFm.ToString(), null)],
            // Alpha's organisation admin (partnerA-not-assigned) with a token of Beta's user.
            ["token"] = [new("partnerA-not-assigned", tokenOfPartnerB.ToString(), null), new("fm", tokenOfPartnerB.ToString(), null), new("partnerA-assigned", tokenOfPartnerB.ToString(), null)],
            ["session"] = [new("fm-other", sessionOfFm, null), new("admin", sessionOfFm, null), new("partnerB", sessionOfFm, null)],
            ["sign-up"] = [new("fm", "1", null), new("partnerA-not-assigned", "1", null)],
            // The catalogue is shared reference data: everyone reads it, only admins change it.
            ["phase"] = NonAdmins(a.Scoped(db => db.Phases.OrderBy(p => p.Id).Select(p => p.Id).First()).ToString()),
            ["role"] = NonAdmins(a.Scoped(db => db.CatalogueRoles.OrderBy(p => p.Id).Select(p => p.Id).First()).ToString()),
            ["process"] = NonAdmins(a.Scoped(db => db.Processes.OrderBy(p => p.Id).Select(p => p.Id).First()).ToString()),
            ["section"] = NonAdmins(a.Scoped(db => db.Sections.OrderBy(p => p.Id).Select(p => p.Id).First()).ToString()),
            ["catalogue-task"] = NonAdmins("994"),
            ["target-process"] = [new("partnerA-assigned", a.Scoped(db => db.Processes.OrderBy(p => p.Id).Select(p => p.Id).Skip(1).First()).ToString(), null),
                new("partnerA-not-assigned", a.Scoped(db => db.Processes.OrderBy(p => p.Id).Select(p => p.Id).Skip(1).First()).ToString(), null)],
            ["audit-entry"] = NonAdmins(A),
        };
        return new ProbeWorld(probes, engagementC, customerC, orgZ, mallory, partnerBToken);
    }

    [Fact]
    public async Task Every_id_parameter_of_every_page_and_api_endpoint_has_a_probe()
    {
        using var app = new AppFactory();
        var ids = (await PageIdParametersAsync(app)).Concat(ApiIdParameters(app)).ToList();
        Assert.True(ids.Count >= 30, $"only {ids.Count} id parameters found: " + string.Join(", ", ids));
        var unmapped = ids.Where(p => KindOf(p) is null).ToList();
        Assert.True(unmapped.Count == 0, "Id parameters without a probe (add them to KindOf): " + string.Join(", ", unmapped));
    }

    [Fact]
    public async Task Ids_out_of_reach_and_forged_fields_are_refused_and_change_nothing()
    {
        await using var w = await PageWorld.CreateAsync();
        var pw = await ProbeWorldAsync(w);
        var tokens = new Dictionary<string, string>();
        foreach (var name in PageWorld.PersonaNames.Skip(1)) tokens[name] = await TokenAsync(w.Personas[name], "/");
        string?[] userIds = [null, w.AdminId, w.FmId, w.OtherFmId, w.PartnerAAssignedId, w.PartnerANotAssignedId, w.PartnerBId];
        var api = new Dictionary<string, HttpClient>();
        for (var i = 1; i < userIds.Length; i++) api[PageWorld.PersonaNames[i]] = w.App.ApiClient(await w.App.TokenAsync(userIds[i]!));
        var wrong = new List<string>();
        var before = await DbSnapshot.TakeAsync(w.App);
        async Task<List<DbSnapshot.Change>> ChangedAsync()
        {
            var after = await DbSnapshot.TakeAsync(w.App);
            var changes = before.ChangesTo(after);
            before = after;
            return changes;
        }

        // IDOR: every id parameter, each principal who must not reach the object named.
        var idParameters = (await PageIdParametersAsync(w.App)).Concat(ApiIdParameters(w.App)).ToList();
        var idor = 0;
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var forms = new Dictionary<string, List<KeyValuePair<string, string>>>();
        foreach (var p in idParameters)
        {
            var kind = KindOf(p) ?? throw new InvalidOperationException($"no probe for {p}");
            foreach (var probe in pw.Probes[kind])
            {
                idor++;
                var isGet = p.Key.StartsWith("GET ", StringComparison.Ordinal);
                HttpResponseMessage response;
                if (p.Key.Contains(" /api/", StringComparison.Ordinal))
                {
                    var (_, template, type, body) = ApiRow(p.Key);
                    var url = WithId(Fill(template, w), p, probe.Value);
                    response = await api[probe.Persona].SendAsync(Request(new HttpMethod(p.Key.Split(' ')[0]), url, type, WithTaskVersion(Fill(body, w), url, w)));
                }
                else
                {
                    var (_, template, form, _) = Table.Single(r => r.Key == p.Key);
                    var url = WithId(Fill(template, w), p, probe.Value);
                    if (isGet) response = await w.Personas[probe.Persona].GetAsync(url);
                    else
                    {
                        var fields = forms.TryGetValue(p.Key, out var known) ? known : forms[p.Key] = await ValidFormAsync(w, p.Key, Fill(template, w), Fill(form, w));
                        var values = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
                        // In the form too for a handler parameter: a form value binds before the query's.
                        if (p.Source != "route") values = [.. values.Where(f => !f.Key.Equals(p.Name, StringComparison.OrdinalIgnoreCase)), new(p.Name, probe.Value)];
                        values.Add(new("__RequestVerificationToken", tokens[probe.Persona]));
                        response = await w.Personas[probe.Persona].PostAsync(url, new FormUrlEncodedContent(values));
                    }
                }
                var code = (int)response.StatusCode;
                outcomes[$"{kind} {code}"] = outcomes.GetValueOrDefault($"{kind} {code}") + 1;
                var what = $"{p} = {kind} {probe.Value} as {probe.Persona}";
                if (code >= 500 || code is 400 or 401) wrong.Add($"{what}: {code}");
                if (isGet && code == 200 && probe.Marker is not null && (await response.Content.ReadAsStringAsync()).Contains(probe.Marker, StringComparison.Ordinal))
                    wrong.Add($"{what}: 200 showing \"{probe.Marker}\"");
                if (!isGet && (await ChangedAsync()) is { Count: > 0 } changes)
                {
                    // Refused means nothing at all was written; an accepted request (the route's own engagement wins over a
                    // forged field) may change what the principal may change, never the object out of reach.
                    if (code is 403 or 404) wrong.Add($"{what}: {code}, yet changed {string.Join("; ", changes.Take(5))}");
                    else if (changes.Where(c => Touches(c, kind, probe.Value)).ToList() is { Count: > 0 } touched)
                        wrong.Add($"{what}: {code}, and changed the object out of reach: {string.Join("; ", touched.Take(5))}");
                }
            }
        }

        // Mass assignment: each form as a principal who may send it, with forged fields; each API body likewise.
        var forged = Forged(pw);
        var massForms = 0;
        var massFields = 0;
        foreach (var (key, template, form, expected) in Table.Where(r => r.Key.StartsWith("POST ", StringComparison.Ordinal)))
        {
            if (key is "POST /Account/SignOut" or "POST /Account/Profile?handler=EndAll" or "POST /Account/SignIn" or "POST /Setup"
                or "POST /Account/Profile?handler=EndSession") continue;
            foreach (var persona in new[] { "admin", "fm", "partnerA-assigned", "partnerA-not-assigned" })
            {
                if (expected[Array.IndexOf(PageWorld.PersonaNames, persona)] != 'O') continue;
                var fields = forms.TryGetValue(key, out var known) ? known : forms[key] = await ValidFormAsync(w, key, Fill(template, w), Fill(form, w));
                var values = fields.Where(f => f.Key != "__RequestVerificationToken").ToList();
                var names = values.Select(v => v.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var prefixes = new[] { "" }.Concat(names.Where(n => n.Contains('.')).Select(n => n[..(n.LastIndexOf('.') + 1)]).Distinct()).ToList();
                var extra = (from prefix in prefixes from f in forged where !names.Contains(prefix + f.Key) select new KeyValuePair<string, string>(prefix + f.Key, f.Value)).ToList();
                massForms++;
                massFields += extra.Count;
                var response = await w.Personas[persona].PostAsync(Fill(template, w),
                    new FormUrlEncodedContent([.. values, .. extra, new("__RequestVerificationToken", tokens[persona])]));
                if ((int)response.StatusCode >= 500 || (int)response.StatusCode == 400) wrong.Add($"{key} with forged fields as {persona}: {(int)response.StatusCode}");
                wrong.AddRange(Forgeries(await ChangedAsync(), values, pw).Select(c => $"{key} with forged fields as {persona}: {c}"));
            }
        }
        foreach (var (key, template, type, body, expected) in ApiTable.Where(r => r.Type == "application/json"))
        {
            foreach (var persona in new[] { "admin", "fm", "partnerA-assigned" })
            {
                var url = Fill(template, w);
                var json = ValidBody(key, WithTaskVersion(Fill(body, w), url, w));
                var extra = forged.Where(f => !json.Contains($"\"{char.ToLowerInvariant(f.Key[0])}{f.Key[1..]}\"", StringComparison.Ordinal)).ToList();
                var forgedJson = json.TrimEnd('}') + (json.Trim() == "{}" ? "" : ",") + string.Join(",", extra.Select(f => $"\"{char.ToLowerInvariant(f.Key[0])}{f.Key[1..]}\":{JsonValue(f.Value)}")) + "}";
                massForms++;
                massFields += extra.Count;
                var response = await api[persona].SendAsync(Request(new HttpMethod(key.Split(' ')[0]), url, type, forgedJson));
                if ((int)response.StatusCode >= 500) wrong.Add($"{key} with forged fields as {persona}: {(int)response.StatusCode}");
                wrong.AddRange(Forgeries(await ChangedAsync(), [], pw).Select(c => $"{key} with forged fields as {persona}: {c}"));
            }
        }

        output.WriteLine($"figure: IDOR and mass assignment ({(Environment.GetEnvironmentVariable("FASTTRACK_TEST_POSTGRES") is null ? "SQLite" : "PostgreSQL")}): " +
            $"{idor} IDOR probes over {idParameters.Count} id parameters, {massFields} mass-assignment probes ({massForms} forms and API bodies with forged fields), {wrong.Count} wrong");
        output.WriteLine("IDOR answers by kind and status: " + string.Join(", ", outcomes.Select(o => $"{o.Key}×{o.Value}")));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(idParameters.Count >= 30 && massForms >= 40, $"{idParameters.Count} id parameters, {massForms} forms: the enumeration found too little");
    }

    /// <summary>The tables that hold each kind of object (by primary key) and the columns that refer to one.</summary>
    private static readonly Dictionary<string, (string Table, string[] References)> Holders = new()
    {
        ["engagement"] = ("Engagements", ["EngagementId"]),
        ["customer"] = ("Customers", ["CustomerId"]),
        ["engagement-task"] = ("EngagementTasks", ["TaskId", "EngagementTaskId"]),
        ["user"] = ("AspNetUsers", ["UserId", "RecipientId", "ManagerId", "FastTrackManagerId", "CreatedById", "AssignedById"]),
        ["organisation"] = ("PartnerOrganisations", ["PartnerOrganisationId", "OrganisationId", "PartnerId", "ToPartnerOrganisationId"]),
        ["alert"] = ("Alerts", []),
        ["token"] = ("ApiTokens", []),
        ["session"] = ("UserSessions", []),
        ["sign-up"] = ("SsoSignUps", []),
        ["phase"] = ("Phases", ["PhaseId"]),
        ["role"] = ("CatalogueRoles", ["RoleId"]),
        ["process"] = ("Processes", ["ProcessId"]),
        ["target-process"] = ("Processes", ["ProcessId"]),
        ["section"] = ("Sections", ["SectionId"]),
        ["catalogue-task"] = ("CatalogueTasks", ["FtopId"]),
        ["audit-entry"] = ("AuditEntries", []),
    };

    /// <summary>Whether a change is to the object <paramref name="value"/> names, or to a row that belongs to it or names it.</summary>
    private static bool Touches(DbSnapshot.Change change, string kind, string value)
    {
        var (table, references) = Holders[kind];
        if (change.Table == table && change.Key == value) return true;
        return change.Row.Any(cell => cell.Value == value && (kind == "user" || references.Any(r => r.Equals(cell.Key, StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>Forged fields: owner, manager, creator and user point at Mallory, organisations at Zeta, ids at engagement C.</summary>
    private static List<KeyValuePair<string, string>> Forged(ProbeWorld pw)
    {
        string mallory = pw.MalloryId, zeta = pw.OrgZ.ToString(), c = pw.EngagementC.ToString();
        return
        [
            new("Id", c), new("EngagementId", c), new("CustomerId", pw.CustomerC.ToString()), new("OwnerId", mallory), new("ManagerId", mallory),
            new("FastTrackManagerId", mallory), new("CreatedById", mallory), new("UserId", mallory), new("RecipientId", mallory),
            new("OrganisationId", zeta), new("PartnerOrganisationId", zeta), new("PartnerId", zeta), new("Role", Roles.Admin),
            new("Roles", Roles.Admin), new("IsAdmin", "true"), new("IsOrganisationAdmin", "true"), new("Version", "987654"),
        ];
    }

    /// <summary>The changes a forged field caused: a forged value stored anywhere, a role or admin flag changed, engagement C touched.</summary>
    private static IEnumerable<string> Forgeries(List<DbSnapshot.Change> changes, List<KeyValuePair<string, string>> sent, ProbeWorld pw)
    {
        var sentValues = sent.Select(s => s.Value).ToHashSet();
        var sentNames = string.Join(" ", sent.Select(s => s.Key));
        foreach (var change in changes)
        {
            foreach (var (column, value) in change.Cells)
            {
                if (value is null) continue;
                if (value == pw.MalloryId && !sentValues.Contains(value) && !(change.Table == "AspNetUsers" && change.Key == pw.MalloryId))
                    yield return $"{change} ({column} is the forged user)";
                else if (value == pw.OrgZ.ToString() && (column.Contains("Organisation", StringComparison.OrdinalIgnoreCase) || column.Equals("PartnerId", StringComparison.OrdinalIgnoreCase)) && !sentValues.Contains(value))
                    yield return $"{change} ({column} is the forged organisation)";
                else if (value == pw.EngagementC.ToString() && column.Equals("EngagementId", StringComparison.OrdinalIgnoreCase))
                    yield return $"{change} (engagement C, named only by a forged field)";
                else if (value == "987654")
                    yield return $"{change} (the forged version)";
            }
            if (change.Table == "Engagements" && change.Key == pw.EngagementC.ToString()) yield return $"{change} (engagement C, named only by a forged field)";
            if (change.Table == "Customers" && change.Key == pw.CustomerC.ToString()) yield return $"{change} (customer C, named only by a forged field)";
            var roleLike = change.Table.Contains("Role", StringComparison.OrdinalIgnoreCase)
                || change.Column?.Contains("Admin", StringComparison.OrdinalIgnoreCase) == true;
            if (roleLike && !sentNames.Contains("Role", StringComparison.OrdinalIgnoreCase) && !sentNames.Contains("Admin", StringComparison.OrdinalIgnoreCase)
                && !change.Table.StartsWith("Catalogue", StringComparison.OrdinalIgnoreCase))
                yield return $"{change} (a role or admin flag changed by a form without one)";
        }
    }

    /// <summary>
    /// The form as the page renders it for an admin (its real versions and values), with the row's fields on top (they make
    /// the post a change: a status to set), and empty fields filled with plausible values; the row's fields alone when the
    /// page renders no such form.
    /// </summary>
    private static async Task<List<KeyValuePair<string, string>>> ValidFormAsync(PageWorld w, string key, string url, string rowForm)
    {
        var row = rowForm.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => new KeyValuePair<string, string>(p.Split('=')[0], p.Split('=')[1]))
            .Where(p => p.Value != "-1").ToList();
        var path = url.Split('?')[0];
        var handler = key.Contains("?handler=", StringComparison.Ordinal) ? key.Split("?handler=")[1] : null;
        var response = await w.Personas["admin"].GetAsync(url.Split('?')[0] + (url.Contains("service=", StringComparison.Ordinal) ? "?service=Teams" : ""));
        IHtmlFormElement? found = null;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var page = FormPosting.Parse(await response.Content.ReadAsStringAsync());
            found = page.Forms.FirstOrDefault(f =>
            {
                var action = f.GetAttribute("action") is { Length: > 0 } a ? a : url;
                var actionHandler = Regex.Match(action, @"[?&]handler=([^&]+)") is { Success: true } m ? m.Groups[1].Value : null;
                return f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)
                    && action.Split('?')[0].Equals(path, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(actionHandler, handler, StringComparison.OrdinalIgnoreCase);
            });
        }
        if (found is null) return row;
        var values = FormPosting.FormValues(found);
        var filled = new List<KeyValuePair<string, string>>();
        var n = 0;
        foreach (var (name, value) in values)
        {
            if (row.Any(r => r.Key == name)) continue;
            var input = found.Elements.OfType<IHtmlInputElement>().FirstOrDefault(i => i.Name == name);
            var fill = value.Length > 0 || name == "__RequestVerificationToken" ? value : input?.Type switch
            {
                "email" => $"probe{++n}@alpha.example",
                "date" => "2026-06-01",
                "number" => "1",
                "password" => "Probe-Passphrase-2026-x",
                "hidden" => value,
                _ => "Probe text",
            };
            filled.Add(new(name, fill));
        }
        return [.. filled, .. row];
    }

    /// <summary>A forged value as JSON of its own type (a number or boolean unquoted), so that a property of that name would bind.</summary>
    private static string JsonValue(string value) =>
        value is "true" or "false" || (value.Length > 0 && value.All(char.IsAsciiDigit)) ? value : System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>An API body that does something: a note's text, a usage figure, a workload code.</summary>
    private static string ValidBody(string key, string body) => key switch
    {
        _ when key.EndsWith("/notes", StringComparison.Ordinal) => "{\"text\":\"probe note\"}",
        _ when key.EndsWith("/usage", StringComparison.Ordinal) => "{\"service\":\"Teams\",\"on\":\"2026-01-31\",\"activeUsers\":7}",
        _ when key.EndsWith("/workloads/{service}", StringComparison.Ordinal) => "{\"code\":\"L1-1\"}",
        _ => body,
    };

    /// <summary>A task status body with the real version of the task in the URL (the row's -1 would be refused as stale).</summary>
    private static string WithTaskVersion(string body, string url, PageWorld w)
    {
        var task = Regex.Match(url, @"/tasks/(\d+)/");
        if (!task.Success || !body.Contains("\"version\":-1", StringComparison.Ordinal)) return body;
        var id = int.Parse(task.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var version = w.App.Scoped(db => db.EngagementTasks.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => (int?)t.Version).FirstOrDefault());
        return version is null ? body : body.Replace("\"version\":-1", $"\"version\":{version}", StringComparison.Ordinal);
    }

    private static (string Key, string Url, string Type, string Body) ApiRow(string key)
    {
        var r = ApiTable.Single(r => r.Key == key);
        return (r.Key, r.Url, r.Type, r.Body);
    }

    /// <summary>The row's URL with the id parameter set to <paramref name="value"/>: in its route segment, or in the query.</summary>
    private static string WithId(string url, IdParameter p, string value)
    {
        var (path, query) = url.Contains('?') ? (url[..url.IndexOf('?')], url[(url.IndexOf('?') + 1)..]) : (url, "");
        if (p.Source == "route")
        {
            var template = p.Key.Split(' ')[1].Split('?')[0];
            var routeTemplate = RouteTemplates.TryGetValue(p.Key.Split(' ')[1].Split('?')[0], out var t) ? t : template;
            var names = routeTemplate.Trim('/').Split('/');
            var segments = path.Trim('/').Split('/');
            for (var i = 0; i < names.Length && i < segments.Length; i++)
                if (Regex.IsMatch(names[i], @"^\{" + Regex.Escape(p.Name) + @"(:[^}]*)?\}$", RegexOptions.IgnoreCase)) segments[i] = value;
            return "/" + string.Join("/", segments) + (query.Length > 0 ? "?" + query : "");
        }
        if (p.Source is "query" or "form-or-query")
        {
            var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(q => !q.Split('=')[0].Equals(p.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            pairs.Add($"{p.Name}={Uri.EscapeDataString(value)}");
            return path + "?" + string.Join("&", pairs);
        }
        return url;
    }

    /// <summary>Route templates of the pages, by view path ("/Engagements/Details" → "/Engagements/{id:int}").</summary>
    private static readonly Dictionary<string, string> RouteTemplates = [];

    /// <summary>Every id-like route value, handler parameter and bound property (and their properties) of every page handler.</summary>
    internal static async Task<List<IdParameter>> PageIdParametersAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        var descriptors = scope.ServiceProvider.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().DistinctBy(d => d.ViewEnginePath).ToList();
        var loader = scope.ServiceProvider.GetRequiredService<PageLoader>();
        var found = new List<IdParameter>();
        foreach (var d in descriptors)
        {
            var compiled = await loader.LoadAsync(d, EndpointMetadataCollection.Empty);
            var template = compiled.AttributeRouteInfo?.Template ?? d.ViewEnginePath;
            lock (RouteTemplates) RouteTemplates[d.ViewEnginePath] = "/" + template;
            var routeNames = Regex.Matches(template, @"\{(\w+)").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name, Parameters: h.Parameters.Select(p => (p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType)).ToList())).ToList();
            if (!handlers.Any(h => h.Method == "GET")) handlers.Add(("GET", null, []));
            foreach (var (method, name, parameters) in handlers)
            {
                var key = $"{method} {d.ViewEnginePath}{(name is null ? "" : "?handler=" + name)}";
                foreach (var r in routeNames.Where(IsIdLike)) found.Add(new IdParameter(key, r, "route"));
                foreach (var (pname, ptype) in parameters)
                    foreach (var path in Paths(pname, ptype, 0).Where(IsIdLike).Where(x => !routeNames.Contains(x)))
                        found.Add(new IdParameter(key, path, "query"));
                foreach (var bp in compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>())
                {
                    var fromQuery = bp.Property.GetCustomAttribute<FromQueryAttribute>() is not null;
                    var supportsGet = bp.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true;
                    if (method == "GET" && !fromQuery && !supportsGet) continue;
                    foreach (var path in Paths(bp.BindingInfo?.BinderModelName ?? bp.Name, bp.ParameterType, 0).Where(IsIdLike).Where(x => !routeNames.Contains(x)))
                        found.Add(new IdParameter(key, path, method == "GET" || fromQuery ? "query" : "form"));
                }
            }
        }
        return found.Distinct().ToList();
    }

    /// <summary>Every id-like route value and query parameter of every /api endpoint (from its handler method's parameters).</summary>
    internal static List<IdParameter> ApiIdParameters(AppFactory app)
    {
        var found = new List<IdParameter>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true))
        {
            foreach (var method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                var key = $"{method} /{e.RoutePattern.RawText!.Trim('/')}";
                var routeNames = e.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var r in routeNames.Where(IsIdLike)) found.Add(new IdParameter(key, r, "route"));
                var handler = e.Metadata.GetMetadata<MethodInfo>();
                foreach (var p in handler?.GetParameters() ?? [])
                    foreach (var path in Paths(p.Name!, p.ParameterType, 0).Where(IsIdLike).Where(x => !routeNames.Contains(x)))
                        found.Add(new IdParameter(key, path, method == "GET" ? "query" : "body"));
            }
        }
        return found.Distinct().ToList();
    }

    /// <summary>"Data.TaskId", "Filter.ManagerId" … : the binding names of a value and of its properties, two levels down.</summary>
    private static IEnumerable<string> Paths(string name, Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var element = t != typeof(string) && t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : t.IsArray ? t.GetElementType()! : t;
        element = Nullable.GetUnderlyingType(element) ?? element;
        if (element.IsPrimitive || element.IsEnum || element == typeof(string) || element == typeof(Guid) || element == typeof(decimal)
            || element == typeof(DateOnly) || element == typeof(DateTime) || element == typeof(DateTimeOffset) || element == typeof(TimeOnly))
        {
            yield return name;
            yield break;
        }
        if (depth >= 2 || element.Namespace?.StartsWith("FastTrack", StringComparison.Ordinal) != true) yield break;
        foreach (var prop in element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            foreach (var path in Paths(name + "." + prop.Name, prop.PropertyType, depth + 1))
                yield return path;
    }
}
