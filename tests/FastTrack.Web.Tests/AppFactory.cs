using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using FastTrack.Data;
using FastTrack.Data.DemoData;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using FastTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests;

/// <summary>
/// The real app (every middleware, filter and page) over its own fresh database: a SQLite file in a
/// temp folder, or a fresh PostgreSQL database when the run has a server (eng/test.sh).
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";
    private readonly AppDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly string _environment;

    public AppFactory(string environment = "Development", AppDatabase? sharedDatabase = null)
    {
        _environment = environment;
        _ownsDatabase = sharedDatabase is null;
        _database = sharedDatabase ?? new AppDatabase();
    }

    public AppDatabase Database => _database;

    /// <summary>Extra configuration for this app (set before its first use).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:DataFolder", _database.Folder);
        // The alert run and the outbox sender are driven by the tests that need them (AlertRun, OutboxSender), never by a timer.
        builder.UseSetting("Alerts:RunInBackground", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (_database.PostgresDatabase is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:FastTrack", PostgresAdmin.ConnectionString(_database.PostgresDatabase));
        }
    }

    /// <summary>Where clients send requests: the test server, or the real Kestrel port of an app started with UseKestrel.</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost");

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });

    /// <summary>The organisation partner users belong to unless a test names another.</summary>
    public const string DefaultPartnerOrganisation = "Fabrikam Partners";

    /// <summary>Creates a user directly (as an admin would) and returns its id. A Partner joins <see cref="DefaultPartnerOrganisation"/>.</summary>
    public Task<string> CreateUserAsync(string email, params string[] roles) =>
        CreateUserInAsync(roles.Contains(Roles.Partner) ? DefaultPartnerOrganisation : null, email, roles);

    /// <summary>The id of the partner organisation of this name, created if missing.</summary>
    public async Task<int> OrganisationAsync(string name)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var existing = await db.PartnerOrganisations.FirstOrDefaultAsync(p => p.Name == name);
        if (existing is not null) return existing.Id;
        var org = db.PartnerOrganisations.Add(new Domain.Partners.PartnerOrganisation(name)).Entity;
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>Creates a user of <paramref name="organisation"/> (null: none) with these roles and returns its id.</summary>
    public async Task<string> CreateUserInAsync(string? organisation, string email, params string[] roles)
    {
        int? organisationId = organisation is null ? null : await OrganisationAsync(organisation);
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true, CreatedAt = DateTime.UtcNow, PartnerOrganisationId = organisationId };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var role in roles) await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    /// <summary>A browser-like client signed in as a new user with these roles.</summary>
    public async Task<HttpClient> SignedInAsync(params string[] roles)
    {
        var email = $"{string.Join("-", roles).ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await CreateUserAsync(email, roles);
        return await SignInAsync(email);
    }

    /// <summary>A browser-like client signed in as an existing user.</summary>
    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = Browser();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public T Scoped<T>(Func<FastTrackDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<FastTrackDbContext>());
    }

    public Task<HttpClient> AdminAsync() => SignedInAsync(Roles.Admin);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase) _database.Dispose();
    }
}

/// <summary>
/// The database one or more app instances run on: a SQLite file in a temp folder, or a fresh
/// PostgreSQL database when the run has a server (FASTTRACK_TEST_POSTGRES, set by eng/test.sh).
/// </summary>
public sealed class AppDatabase : IDisposable
{
    /// <param name="catalogue">
    /// The catalogue the database holds before the app first starts: by default the release seed (20 tasks, a database
    /// of an earlier release; the app's seeder then leaves it as it is), so that journeys stay short. Null: an empty
    /// database, which the app seeds with the whole playbook as a new installation (ADR 0015).
    /// </param>
    public AppDatabase() : this(ShippedCatalogue.ReleaseSeed) { }

    public AppDatabase(ShippedCatalogue? catalogue)
    {
        Folder = Path.Combine(Path.GetTempPath(), "fasttrack-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        if (TestDatabase.PostgresServer is not null)
        {
            PostgresDatabase = "ftweb_" + Guid.NewGuid().ToString("N")[..16];
            PostgresAdmin.CreateDatabaseAsync(PostgresDatabase).GetAwaiter().GetResult();
        }
        if (catalogue is null) return;
        using var ctx = PostgresDatabase is null
            ? DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Folder, "fasttrack.db")}")
            : DatabaseSetup.CreateContext(DatabaseProvider.Postgres, PostgresAdmin.ConnectionString(PostgresDatabase));
        ctx.Database.Migrate();
        CatalogueSeeder.SeedAsync(ctx, catalogue).GetAwaiter().GetResult();
    }

    public string Folder { get; }
    public string? PostgresDatabase { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        if (PostgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            PostgresAdmin.DropDatabaseAsync(PostgresDatabase).GetAwaiter().GetResult();
        }
    }
}

/// <summary>The demo data of <c>seed-demo</c> in a test app, and its users signed in.</summary>
public static class DemoApp
{
    public static async Task<DemoDataSummary> SeedDemoAsync(this WebApplicationFactory<Program> app, int engagements, int seed)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var generator = new DemoDataGenerator(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), TimeProvider.System);
        return await generator.GenerateAsync(new DemoDataOptions(engagements, Seed: seed));
    }

    /// <summary>A browser signed in as a demo user: "fm1", "admin", "partner1-1" …</summary>
    public static async Task<HttpClient> DemoUserAsync(this WebApplicationFactory<Program> app, string user)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await browser.PostFormAsync("/Account/SignIn", new()
        {
            ["Data.Email"] = $"{user}@{DemoDataGenerator.EmailDomain}", ["Data.Password"] = DemoDataGenerator.DefaultPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }
}

/// <summary>Posting real forms: fetch the page, take its antiforgery token (and hidden fields), post.</summary>
public static class FormPosting
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gave {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// Posts to <paramref name="url"/> the way a browser submits the form on the page at <paramref name="pageUrl"/>
    /// (default: the same URL) whose action matches: its current field values, overridden by <paramref name="fields"/>.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        Dictionary<string, string> fields, string? pageUrl = null, string? formSelector = null) =>
        client.PostFormAsync(url, (IEnumerable<KeyValuePair<string, string>>)fields, pageUrl, formSelector);

    /// <summary>
    /// As above, for multi-valued fields (checkboxes of one name): every value given for a name replaces
    /// all the values the form had for it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null, string? formSelector = null)
    {
        var page = await client.GetPageAsync(pageUrl ?? url);
        return await client.SubmitFormAsync(page, url, fields, formSelector);
    }

    /// <summary>Submits a form of a page already fetched (e.g. a form shown again after a refusal).</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlDocument page, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null)
    {
        var values = FormValues(FindForm(page, url, formSelector));
        var overrides = fields.ToList();
        foreach (var key in overrides.Select(f => f.Key).Distinct()) values.RemoveAll(v => v.Key == key);
        values.AddRange(overrides);
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// As <see cref="PostFormAsync(HttpClient, string, IEnumerable{KeyValuePair{string, string}}, string?, string?)"/>, for
    /// fields that repeat (checkbox lists such as services): every field named replaces all of the form's values of that name.
    /// </summary>
    public static Task<HttpResponseMessage> PostFormValuesAsync(this HttpClient client, string url,
        IReadOnlyList<KeyValuePair<string, string>> fields, string? pageUrl = null, string? formSelector = null) =>
        client.PostFormAsync(url, fields, pageUrl, formSelector);

    /// <summary>The form a browser would submit to <paramref name="url"/>: the one the selector names, else the one posting there.</summary>
    public static IHtmlFormElement FindForm(IHtmlDocument page, string url, string? formSelector = null)
    {
        var path = url.Split('?')[0];
        var form = formSelector is not null
            ? page.QuerySelector(formSelector) as IHtmlFormElement
            : page.Forms.FirstOrDefault(f => f.GetAttribute("action") is { } a && a.Split('?')[0].Equals(path, StringComparison.OrdinalIgnoreCase) && f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
              ?? page.Forms.LastOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && f.GetAttribute("id") != "culture-form");
        Assert.NotNull(form);
        return form!;
    }

    /// <summary>The values a browser would send for the form as it stands (checked boxes, selected options, text).</summary>
    public static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var el in form.Elements)
        {
            switch (el)
            {
                case IHtmlInputElement i when !string.IsNullOrEmpty(i.Name) && i.Type is not ("submit" or "button" or "file"):
                    if (i.Type is "checkbox" or "radio" && !i.IsChecked) break;
                    values.Add(new(i.Name, i.Value));
                    break;
                case IHtmlTextAreaElement t when !string.IsNullOrEmpty(t.Name):
                    values.Add(new(t.Name, t.Value));
                    break;
                case IHtmlSelectElement s when !string.IsNullOrEmpty(s.Name):
                    foreach (var o in s.Options.Where(o => o.IsSelected)) values.Add(new(s.Name, o.Value));
                    break;
            }
        }
        return values;
    }

    public static async Task<IHtmlDocument> HtmlAsync(this HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());
}
