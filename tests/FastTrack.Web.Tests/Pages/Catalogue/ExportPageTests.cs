using System.Net;
using System.Text;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Pages.Catalogue;

public class ExportPageTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly AppFactory _app = shared.App;

    private static string[] Ids(byte[] file) =>
        Encoding.UTF8.GetString(file).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]).ToArray();

    [Fact]
    public async Task Any_signed_in_user_downloads_the_catalogue_as_a_dated_csv_file()
    {
        var partner = await _app.SignedInAsync(Roles.Partner);
        var response = await partner.GetAsync("/Catalogue/Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Matches(@"^fasttrack-catalogue-\d{8}\.csv$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(20, Ids(await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Exports_what_the_filter_shows()
    {
        var manager = await _app.SignedInAsync(Roles.FastTrackManager);
        var assess = _app.Scoped(db => db.Phases.Single(p => p.NameEn == "Assess").Id);

        Assert.Equal(["3278", "3718", "3734", "3737", "3738", "2536"], Ids(await ImportPageTests.ExportAsync(manager, $"?PhaseId={assess}")));
        Assert.Equal(["3718", "3740", "3741", "3743"], Ids(await ImportPageTests.ExportAsync(manager, "?Search=OneDrive")));
        Assert.Equal(["3731", "3732", "3733", "3743", "3650"], Ids(await ImportPageTests.ExportAsync(manager, "?Required=O&PhaseId=" + _app.Scoped(db => db.Phases.Single(p => p.NameEn == "Success").Id))));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in()
    {
        var response = await _app.Browser().GetAsync("/Catalogue/Export");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/SignIn", response.Headers.Location!.OriginalString);
    }
}
