using System.Text.Json;
using FastTrack.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FastTrack.Browser.Tests;

/// <summary>
/// The app on a real Kestrel port over a fresh database, and Debian's Chromium driven by Playwright.
/// Every page a test opens fails the test on a console error or a failed request.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly List<string> _problems = [];

    private BrowserApp(AppFactory app, IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        App = app;
        Playwright = playwright;
        Browser = browser;
        BaseUrl = baseUrl;
    }

    public AppFactory App { get; }
    public IPlaywright Playwright { get; }
    public IBrowser Browser { get; }
    public string BaseUrl { get; }
    public IReadOnlyList<string> Problems => _problems;

    public static async Task<BrowserApp> StartAsync()
    {
        var app = new AppFactory();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new BrowserApp(app, playwright, browser, address.Replace("127.0.0.1", "localhost"));
    }

    /// <summary>A fresh browser context (its own cookies) in the given language, with problem tracking.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") _problems.Add($"console error on {page.Url}: {m.Text}"); };
        page.PageError += (_, e) => _problems.Add($"page error on {page.Url}: {e}");
        page.RequestFailed += (_, r) => _problems.Add($"request failed: {r.Method} {r.Url} {r.Failure}");
        page.Response += (_, r) =>
        {
            // 4xx/5xx are problems unless a test asks for them (see ExpectStatus).
            if (r.Status >= 400 && !_expected.Contains(new Uri(r.Url).AbsolutePath)) _problems.Add($"HTTP {r.Status} for {r.Request.Method} {r.Url}");
        };
        return page;
    }

    private readonly HashSet<string> _expected = [];

    /// <summary>A path a test expects to answer with an error status (e.g. another organisation's engagement).</summary>
    public void ExpectErrorAt(string path) => _expected.Add(path);

    public void AssertNoProblems() => Assert.True(_problems.Count == 0, "Browser problems:\n" + string.Join("\n", _problems));

    /// <summary>Runs axe-core (vendored from npm) on the page; returns serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));
        await page.EvaluateAsync(axe);
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | '));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>Fails with every serious or critical axe-core violation on the page.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", violations));
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        App.Dispose();
    }
}
