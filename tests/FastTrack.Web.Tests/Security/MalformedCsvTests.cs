using System.Net;
using System.Text;
using FastTrack.Web.Tests.Api;
using FastTrack.Web.Tests.Pages.Catalogue;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Issue 20 item 4: malformed CSV files through both ways in (the catalogue import page and the usage upload API): a
/// 50 MB file, another encoding, wrong columns and formula cells each get a clear answer, never a 5xx, and write nothing.
/// </summary>
public sealed class MalformedCsvTests
{
    private static byte[] FiftyMegabytes(string header, string row)
    {
        var text = new StringBuilder(header).Append('\n');
        while (text.Length < 50 * 1024 * 1024) text.Append(row).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static TheoryData<string, string> UsageFiles => new()
    {
        { "Latin-1", "latin1" },
        { "wrong columns", "columns" },
        { "formula cells", "formula" },
        { "50 MB", "huge" },
    };

    [Theory]
    [MemberData(nameof(UsageFiles))]
    public async Task A_malformed_usage_file_is_refused_with_a_message_and_writes_nothing(string what, string kind)
    {
        await using var w = await PageWorld.CreateAsync(signIn: false);
        var fm = await w.App.ApiClientAsync(w.FmId);
        const string header = "EngagementId,Service,Date,ActiveUsers";
        var good = $"{w.EngagementA},Teams,2026-02-28,150";
        byte[] file = kind switch
        {
            "latin1" => Encoding.Latin1.GetBytes($"{header}\n{w.EngagementA},Téams,2026-02-28,150\n"),
            "columns" => Encoding.UTF8.GetBytes($"Engagement,Product,When\n{w.EngagementA},Teams,2026-02-28\n"),
            "formula" => Encoding.UTF8.GetBytes($"{header}\n{good}\n=HYPERLINK(\"http://evil.example\"),Teams,2026-03-31,+cmd|' /C calc'!A0\n"),
            _ => FiftyMegabytes(header, good),
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await fm.PostAsync("/api/v1/usage/import", content);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.Contains("\"title\"", body, StringComparison.Ordinal);
        Assert.Equal(0, w.App.Scoped(db => db.Set<Domain.Engagements.UsageRecord>().Count()));
    }

    [Fact]
    public async Task A_50_MB_catalogue_file_is_refused_with_a_message_and_changes_nothing()
    {
        using var app = new AppFactory();
        var admin = await app.AdminAsync();
        var before = await ImportPageTests.ExportAsync(admin, "?Retired=");
        var file = FiftyMegabytes("id,phase,process,section,required,role,services,name_en,name_ja,name_zh",
            "994,Initiate,Conduct Customer Kickoff,Schedule and Conduct Kickoff Meeting,M,FastTrack Manager,All Services,=HYPERLINK(\"x\"),,");

        var response = await ImportPageTests.UploadAsync(admin, file, retireMissing: true, fileName: "huge.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var text = (await response.HtmlAsync()).Body!.TextContent;
        Assert.True(text.Contains("at most 6 MB", StringComparison.Ordinal), $"{(int)response.StatusCode}: {string.Join(' ', text.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries))}");
        Assert.Equal(before, await ImportPageTests.ExportAsync(admin, "?Retired="));
    }
}
