using System.Text;
using FastTrack.Domain.Catalogue;
using FastTrack.Features.Catalogue;

namespace FastTrack.Tests.Features.Catalogue;

/// <summary>The parser and the plan over an in-memory catalogue: every bad file is refused whole, with its line numbers.</summary>
public class CatalogueImportPlanTests
{
    private const string Header = "id,phase,process,section,required,role,services,name_en,name_ja,name_zh";
    private const string Good994 = "994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,Conduct Kickoff,キックオフ,";

    private static string Csv(params string[] lines) => string.Join("\n", [Header, .. lines]) + "\n";

    private static CatalogueImportPlan Plan(string text, bool retireMissing = false, params string[] retiredRoles) =>
        Plan(Encoding.UTF8.GetBytes(text), retireMissing, retiredRoles);

    /// <summary>The roles a new database starts with; <paramref name="retired"/> are retired.</summary>
    internal static List<CatalogueRole> SeedRoles(params string[] retired)
    {
        var roles = CatalogueRoles.Seed.Select((r, i) => new CatalogueRole(r.Key, i + 1, r.Ja, r.Zh)).ToList();
        foreach (var role in roles.Where(r => retired.Contains(r.Key))) role.Retire();
        return roles;
    }

    private static CatalogueImportPlan Plan(byte[] file, bool retireMissing = false, params string[] retiredRoles)
    {
        var initiate = new Phase("Initiate", 1);
        var kickoff = new Process(initiate, "Conduct Customer Kickoff", 1);
        initiate.Processes.Add(kickoff);
        var prepare = new Section(kickoff, "Prepare", 1);
        kickoff.Sections.Add(prepare);
        var teams = new Service("Teams");
        var task994 = new CatalogueTask(994, prepare, "Conduct Kickoff", "キックオフ", null, true, "FastTrack Manager", true, []);
        var task3731 = new CatalogueTask(3731, prepare, "Teams handshake", null, null, false, "FastTrack Manager", false, [teams]);
        return CatalogueImportPlan.Create("test.csv", file, retireMissing, [initiate], [teams], [task994, task3731], SeedRoles(retiredRoles));
    }

    private static void AssertRefused(CatalogueImportPlan plan, params (int Line, string Message)[] expected)
    {
        Assert.Equal(expected, plan.Problems.Select(p => (p.Line, p.Message)).ToArray());
        var preview = plan.Preview();
        Assert.True(preview.HasProblems);
        Assert.False(preview.HasChanges);
        Assert.Empty(preview.Added);
        Assert.Empty(preview.Changed);
        Assert.Empty(preview.Retired);
        Assert.Empty(preview.Restored);
        Assert.Empty(preview.NewItems);
        Assert.Equal(0, preview.Unchanged);
    }

    [Fact]
    public void A_good_file_is_planned()
    {
        var plan = Plan(Csv(Good994, "3731,Initiate,Conduct Customer Kickoff,Prepare,O,FastTrack Manager,teams,Teams handshake,,",
            "5000,Initiate,Conduct Customer Kickoff,Prepare,O,Partner,Teams;Exchange,New task,,新任务"));
        Assert.Empty(plan.Problems);
        var preview = plan.Preview();
        Assert.Equal(2, preview.Unchanged); // "teams" is the existing service Teams
        Assert.Equal(5000, Assert.Single(preview.Added).FtopId);
        Assert.Equal([new NewCatalogueItem("Service", "Exchange")], preview.NewItems);
    }

    [Fact]
    public void Wrong_header()
    {
        AssertRefused(Plan("id,phase,name\n994,Initiate,Kickoff\n"),
            (1, "The first line must be exactly this header: id,phase,process,section,required,role,services,name_en,name_ja,name_zh"));
    }

    [Fact]
    public void Duplicate_id_names_both_lines()
    {
        AssertRefused(Plan(Csv(Good994, "3731,Initiate,Conduct Customer Kickoff,Prepare,O,FastTrack Manager,Teams,Teams handshake,,", Good994)),
            (2, "The id 994 appears more than once (lines 2, 4)."), (4, "The id 994 appears more than once (lines 2, 4)."));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("12.5")]
    [InlineData("")]
    public void Id_must_be_a_positive_whole_number(string id)
    {
        AssertRefused(Plan(Csv(Good994, id + ",Initiate,Conduct Customer Kickoff,Prepare,O,FastTrack Manager,Teams,Other,,")),
            (3, $"The id \"{id}\" is not a positive whole number."));
    }

    [Theory]
    [InlineData("X")]
    [InlineData("Mandatory")]
    [InlineData("")]
    public void Required_must_be_M_or_O(string required)
    {
        AssertRefused(Plan(Csv($"994,Initiate,Conduct Customer Kickoff,Prepare,{required},FastTrack Manager,All Services,Kickoff,,")),
            (2, $"Required must be M or O, not \"{required}\"."));
    }

    [Fact]
    public void English_name_is_required()
    {
        AssertRefused(Plan(Csv(Good994, "3731,Initiate,Conduct Customer Kickoff,Prepare,O,FastTrack Manager,Teams,  ,日本語,")),
            (3, "The English name (name_en) is empty."));
    }

    [Theory]
    [InlineData(",Conduct Customer Kickoff,Prepare", "phase")]
    [InlineData("Initiate,,Prepare", "process")]
    [InlineData("Initiate,Conduct Customer Kickoff,", "section")]
    public void Phase_process_and_section_are_required(string path, string column)
    {
        AssertRefused(Plan(Csv($"994,{path},M,FastTrack Manager,All Services,Kickoff,,")), (2, $"The {column} is empty."));
    }

    [Fact]
    public void Role_must_be_a_task_role()
    {
        AssertRefused(Plan(Csv("994,Initiate,Conduct Customer Kickoff,Prepare,M,Wizard,All Services,Kickoff,,")),
            (2, "The role \"Wizard\" is unknown; use one of: FastTrack Manager, Partner, Customer, -, FastTrack Engineer, SME, Migration Velocity Manager, GetModern FTA, FastTrack Architect v2, FastTrack Ready Partner."));
    }

    [Fact]
    public void The_playbooks_roles_are_catalogue_roles_found_by_key_or_english_name_in_any_case()
    {
        var plan = Plan(Csv("4060,Initiate,Conduct Customer Kickoff,Prepare,M,fasttrack engineer,All Services,Engineer task,,",
            "4061,Initiate,Conduct Customer Kickoff,Prepare,O,SME,All Services,SME task,,"));
        Assert.Empty(plan.Problems);
        Assert.Equal(["FastTrack Engineer", "SME"], plan.Preview().Added.Select(a => a.Changes.Single(c => c.Field == "Role").After));
    }

    [Fact]
    public void A_retired_role_is_refused_for_a_task_that_does_not_have_it_and_kept_where_it_has()
    {
        var refused = Plan(Csv("4060,Initiate,Conduct Customer Kickoff,Prepare,M,SME,All Services,SME task,,"), false, "SME");
        AssertRefused(refused, (2, "The role \"SME\" is retired; restore it under Catalogue › Roles, or name another role."));

        var kept = Plan(Csv(Good994), false, "FastTrack Manager");
        Assert.Empty(kept.Problems);
        Assert.Equal(1, kept.Preview().Unchanged);
    }

    [Theory]
    [InlineData("", "The services are empty: name at least one service (separated by ;) or All Services.")]
    [InlineData(" ; ", "The services are empty: name at least one service (separated by ;) or All Services.")]
    [InlineData("All Services;Teams", "All Services cannot be combined with other services.")]
    public void Services_are_required(string services, string message)
    {
        AssertRefused(Plan(Csv($"994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,\"{services}\",Kickoff,,")), (2, message));
    }

    public static TheoryData<string, byte[]> NotUtf8 => new()
    {
        { "UTF-16 with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Csv(Good994))).ToArray() },
        { "UTF-16 without BOM", Encoding.Unicode.GetBytes(Csv(Good994)) },
        { "Shift-JIS", ShiftJis().GetBytes(Csv(Good994)) },
        { "Latin-1", Encoding.Latin1.GetBytes(Csv("994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,Café kickoff,,")) },
    };

    private static Encoding ShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("shift_jis");
    }

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public void A_file_that_is_not_UTF8_is_refused(string encoding, byte[] file)
    {
        Assert.NotEmpty(encoding);
        AssertRefused(Plan(file), (1, "The file is not UTF-8 text (unknown encoding). Save it as \"CSV UTF-8\" and upload it again."));
    }

    [Fact]
    public void A_UTF8_file_with_a_BOM_is_read()
    {
        var plan = Plan(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv(Good994))).ToArray());
        Assert.Empty(plan.Problems);
        Assert.Equal(1, plan.Preview().Unchanged);
    }

    [Fact]
    public void Too_many_rows()
    {
        var rows = Enumerable.Range(1, 50_000).Select(i => $"{i},P,Q,S,O,-,T,n,,");
        var file = Encoding.UTF8.GetBytes(Csv([.. rows]));
        Assert.True(file.Length <= CatalogueCsv.MaxBytes); // the row limit, not the size limit, refuses it
        AssertRefused(Plan(file), (10_002, "The file has more than 10,000 tasks; split it into smaller files."));
    }

    [Fact]
    public void Too_large()
    {
        var name = new string('x', 400);
        var rows = Enumerable.Range(1, 6_000).Select(i => $"{i},P,Q,S,O,-,T,{name},,");
        var file = Encoding.UTF8.GetBytes(Csv([.. rows]));
        Assert.True(file.Length > CatalogueCsv.MaxBytes);
        AssertRefused(Plan(file), (0, "The file is larger than 2 MB; split it into smaller files."));
    }

    [Fact]
    public void An_empty_file()
    {
        AssertRefused(Plan([]), (1, "The file is empty."));
    }

    [Theory]
    [InlineData("994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,\"Kickoff\" meeting,,")]
    [InlineData("994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,Kick\"off,,")]
    [InlineData("994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,\"Kickoff,,")]
    public void Malformed_quoting(string line)
    {
        AssertRefused(Plan(Csv(line)),
            (2, "Malformed quoting: a quote (\") is not closed, or text follows a closing quote. Put the whole field in quotes and double every quote inside it (\"\")."));
    }

    [Fact]
    public void Wrong_number_of_fields()
    {
        AssertRefused(Plan(Csv("994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,Kickoff")),
            (2, "Expected 10 fields but found 8."));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line_counting_quoted_line_breaks()
    {
        var plan = Plan(Csv(
            "994,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,\"Kickoff, with a\nline break\",,",
            "",
            "x1,Initiate,Conduct Customer Kickoff,Prepare,M,FastTrack Manager,All Services,Kickoff,,",
            "3731,Initiate,Conduct Customer Kickoff,Prepare,Q,Wizard,,,,"));
        Assert.Equal(
        [
            (5, "The id \"x1\" is not a positive whole number."),
            (6, "Required must be M or O, not \"Q\"."),
            (6, "The role \"Wizard\" is unknown; use one of: FastTrack Manager, Partner, Customer, -, FastTrack Engineer, SME, Migration Velocity Manager, GetModern FTA, FastTrack Architect v2, FastTrack Ready Partner."),
            (6, "The services are empty: name at least one service (separated by ;) or All Services."),
            (6, "The English name (name_en) is empty."),
        ], plan.Problems.Select(p => (p.Line, p.Message)).ToArray());
        Assert.Empty(plan.Preview().Changed);
    }

    [Fact]
    public void Problem_messages_are_templates_the_web_layer_can_translate()
    {
        var problem = Assert.Single(Plan(Csv("994,Initiate,Conduct Customer Kickoff,Prepare,X,FastTrack Manager,All Services,Kickoff,,")).Problems);
        Assert.Equal("Required must be M or O, not \"{0}\".", problem.Template);
        Assert.Equal(["X"], problem.Args);
    }

    [Fact]
    public void The_fingerprint_changes_with_the_file_the_choice_and_the_catalogue()
    {
        var a = Plan(Csv(Good994)).Fingerprint;
        Assert.Equal(a, Plan(Csv(Good994)).Fingerprint);
        Assert.NotEqual(a, Plan(Csv(Good994), retireMissing: true).Fingerprint);
        Assert.NotEqual(a, Plan(Csv(Good994.Replace("Conduct Kickoff", "Kickoff"))).Fingerprint);
    }
}
