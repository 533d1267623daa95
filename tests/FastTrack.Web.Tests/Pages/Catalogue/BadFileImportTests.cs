using System.Net;
using System.Text;

namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>Each bad file is shown with its problems and line numbers, and the catalogue stays as it was.</summary>
public class BadFileImportTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly AppFactory _app = shared.App;

    private const string Header = "id,phase,process,section,required,role,services,name_en,name_ja,name_zh";
    private const string Row = "994,Initiate,Conduct Customer Kickoff,Schedule and Conduct Kickoff Meeting,M,FastTrack Manager,All Services,Kickoff,,";

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. lines]) + "\n");

    private static byte[] ShiftJis(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("shift_jis").GetBytes(text);
    }

    public static TheoryData<string, byte[], string[]> BadFiles => new()
    {
        { "wrong header", Encoding.UTF8.GetBytes("id,name\n994,Kickoff\n"),
            ["1 The first line must be exactly this header: " + Header] },
        { "duplicate id", Csv(Row, Row.Replace("994,", "3616,"), Row),
            ["2 The id 994 appears more than once (lines 2, 4).", "4 The id 994 appears more than once (lines 2, 4)."] },
        { "id and M/O", Csv(Row.Replace("994,", "abc,"), Row.Replace(",M,", ",Maybe,")),
            ["2 The id \"abc\" is not a positive whole number.", "3 Required must be M or O, not \"Maybe\"."] },
        { "empty names and services, unknown role", Csv(Row.Replace(",Kickoff,", ",,"), ",Initiate,,S,O,Boss,,x,,".Replace(",Initiate,", "3616,Initiate,")),
            ["2 The English name (name_en) is empty.", "3 The process is empty.",
             "3 The role \"Boss\" is unknown; use one of: FastTrack Manager, Partner, Customer, -, FastTrack Engineer, SME, Migration Velocity Manager, GetModern FTA, FastTrack Architect v2, FastTrack Ready Partner.",
             "3 The services are empty: name at least one service (separated by ;) or All Services."] },
        { "UTF-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + "\n" + Row + "\n")).ToArray(),
            ["1 The file is not UTF-8 text (unknown encoding). Save it as \"CSV UTF-8\" and upload it again."] },
        { "Shift-JIS", ShiftJis(Header + "\n" + Row.Replace(",Kickoff,,", ",Kickoff,キックオフ,") + "\n"),
            ["1 The file is not UTF-8 text (unknown encoding). Save it as \"CSV UTF-8\" and upload it again."] },
        { "malformed quoting", Csv(Row, Row.Replace(",Kickoff,", ",\"Kickoff\" meeting,").Replace("994,", "3616,")),
            ["3 Malformed quoting: a quote (\") is not closed, or text follows a closing quote. Put the whole field in quotes and double every quote inside it (\"\")."] },
        { "50,000 rows", Csv([.. Enumerable.Range(1, 50_000).Select(i => $"{i},P,Q,S,O,-,T,n,,")]),
            ["10002 The file has more than 10,000 tasks; split it into smaller files."] },
        { "3 MB", Csv([.. Enumerable.Range(1, 7_000).Select(i => $"{i},P,Q,S,O,-,T,{new string('x', 420)},,")]),
            ["whole file The file is larger than 2 MB; split it into smaller files."] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_shows_every_problem_with_its_line_and_changes_nothing(string what, byte[] file, string[] expected)
    {
        var admin = await _app.AdminAsync();
        var before = await ImportPageTests.ExportAsync(admin, "?Retired=");

        var response = await ImportPageTests.UploadAsync(admin, file, retireMissing: true, fileName: what + ".csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.HtmlAsync();
        var rows = page.QuerySelectorAll("[data-testid=problems] tbody tr")
            .Select(r => r.QuerySelector("th")!.TextContent.Trim() + " " + r.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(expected, rows);
        Assert.Null(page.QuerySelector("#apply-form"));
        Assert.Equal(before, await ImportPageTests.ExportAsync(admin, "?Retired="));
        Assert.Equal(0, _app.Scoped(db => db.AuditEntries.Count(a => a.EntityType != "SignIn")));
    }
}
