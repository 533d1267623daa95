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

    /// <param name="settings">Settings of the app (before it starts), e.g. a test identity provider's.</param>
    public static async Task<BrowserApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var app = new AppFactory();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) app.Settings[key] = value;
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

    /// <summary>An HTTP client (no browser) signed in as <paramref name="email"/> against the Kestrel port, for arranging data through the app's own forms.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Data.Email"] = email, ["Data.Password"] = AppFactory.Password });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            (await response.HtmlAsync()).QuerySelector("[data-testid=form-errors]")?.TextContent);
        return client;
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
        page.Console += (_, m) =>
        {
            // The browser also reports an expected error status (ExpectErrorAt) as a console error: that one is not a problem.
            var expected = m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && _expected.Contains(new Uri(page.Url).AbsolutePath);
            if (m.Type == "error" && !expected) _problems.Add($"console error on {page.Url}: {m.Text}");
        };
        page.PageError += (_, e) => _problems.Add($"page error on {page.Url}: {e}");
        page.RequestFailed += (_, r) => _failedRequests.Add((r.Method, r.Url, r.Failure ?? ""));
        page.Download += (_, d) => _downloads.Add(d.Url);
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

    private readonly List<(string Method, string Url, string Failure)> _failedRequests = [];
    private readonly HashSet<string> _downloads = [];

    /// <summary>
    /// Fails on any console error, page error, unexpected error status or failed request. Chromium reports a link that
    /// turns into a download (the catalogue export) as an aborted request: that one is not a problem.
    /// </summary>
    public void AssertNoProblems()
    {
        var problems = _problems.Concat(_failedRequests
            .Where(f => !(f.Failure == "net::ERR_ABORTED" && _downloads.Contains(f.Url)))
            .Select(f => $"request failed: {f.Method} {f.Url} {f.Failure}")).ToList();
        Assert.True(problems.Count == 0, "Browser problems:\n" + string.Join("\n", problems));
    }

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

    /// <summary>The repository root (the folder holding FastTrack.sln), found from the test's base directory.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("FastTrack.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>
    /// Writes artifacts/screenshots/{name}.png on every run, and docs/screenshots/{name}.png (the README's
    /// pictures) when FASTTRACK_UPDATE_SCREENSHOTS=1 (<c>eng/test.sh --screenshots</c>): the pages show
    /// timestamps, so refreshing the committed pictures on every run would leave the tree changed.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        var folder = ScreenshotFolder();
        // Nothing focused and nothing hovered: the picture shows the page as a reader first sees it.
        await page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await page.Mouse.MoveAsync(0, 0);
        var options = new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled };
        if (!fullPage)
        {
            // The first screen, without the empty background below a short page.
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var bottom = await page.EvaluateAsync<double>("() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)");
            var viewport = page.ViewportSize!;
            options.Clip = new Clip { X = 0, Y = 0, Width = viewport.Width, Height = (float)Math.Min(viewport.Height, bottom) };
        }
        await page.ScreenshotAsync(options);
    }

    /// <summary>docs/screenshots with FASTTRACK_UPDATE_SCREENSHOTS=1 (eng/test.sh --screenshots), else artifacts/screenshots.</summary>
    private static string ScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("FASTTRACK_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot, "docs", "screenshots")
            : Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A picture of one part of the page (a section), as it stands.</summary>
    public static async Task ScreenshotOfAsync(ILocator part, string name)
    {
        var folder = ScreenshotFolder();
        await part.Page.Mouse.MoveAsync(0, 0);
        await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>The English screenshot, then the same page in Japanese through the language menu, then back to English.</summary>
    public static async Task ScreenshotInBothLanguagesAsync(IPage page, string name, bool fullPage = false)
    {
        await ScreenshotAsync(page, name + "-en", fullPage);
        await SwitchLanguageAsync(page, "ja");
        await ScreenshotAsync(page, name + "-ja", fullPage);
        await SwitchLanguageAsync(page, "en");
    }

    /// <summary>Chooses a language in the menu of the navigation bar (it submits itself) and waits for the page in that language.</summary>
    public static async Task SwitchLanguageAsync(IPage page, string culture)
    {
        await page.Locator("#culture-select").SelectOptionAsync(culture);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>Signs in through the sign-in page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(email);
    }

    /// <summary>
    /// Walks the page with the Tab key from the skip link at the top and fails unless every visible control (link, button, field,
    /// summary) receives focus, and each one shows a visible focus indicator (an outline or a focus ring shadow) while
    /// it has it. A radio group counts as reached when one of its radios is (arrow keys move within the group).
    /// </summary>
    public static async Task AssertKeyboardReachableAsync(IPage page, int maxTabs = 400)
    {
        var expected = await ExpectedKeyboardStopsAsync(page);
        // The walk starts at the skip link, the first stop of every page (focusing it moves the Tab starting point there).
        await page.Locator("a.skip-link").FocusAsync();
        var reached = new HashSet<string>();
        var withoutIndicator = new List<string>();
        for (var i = 0; i < maxTabs && reached.Count < expected.Length; i++)
        {
            // A control whose focus lands inside its own parts (a date field's day, month and year) gets :focus a moment
            // later on a busy machine: a control without a ring is looked at again after two frames before it counts.
            var focused = await page.EvaluateAsync<JsonElement>("""
                async () => {
                  const el = document.activeElement;
                  if (!el || el === document.body || !window.__kbdKey) return null;
                  const shows = () => {
                    const s = getComputedStyle(el);
                    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
                  };
                  let visible = shows();
                  if (!visible) {
                    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                    visible = shows();
                  }
                  const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.id || el.tagName).trim().slice(0, 40);
                  return { key: el.dataset.kbd || (el.type === 'radio' ? 'radio:' + el.name : ''), visible, text: el.tagName + ' ' + text };
                }
                """);
            if (focused.ValueKind == JsonValueKind.Object)
            {
                var key = focused.GetProperty("key").GetString()!;
                reached.Add(key);
                if (!focused.GetProperty("visible").GetBoolean()) withoutIndicator.Add(focused.GetProperty("text").GetString()!);
            }
            await page.Keyboard.PressAsync("Tab");
        }
        var missed = await page.EvaluateAsync<string[]>("""
            keys => keys.map(k => k.startsWith('radio:') ? 'radio group ' + k.slice(6) : (el => el.tagName + ' ' +
              (el.innerText || el.value || el.id || '').trim().slice(0, 40))(document.querySelector('[data-kbd="' + k + '"]')))
            """, expected.Except(reached).ToArray());
        Assert.True(missed.Length == 0, $"Not reachable with the Tab key on {page.Url} ({reached.Count} of {expected.Length} stops reached in {maxTabs} presses at most):\n" + string.Join("\n", missed));
        Assert.True(withoutIndicator.Count == 0, $"No visible focus indicator on {page.Url}:\n" + string.Join("\n", withoutIndicator.Distinct()));
    }

    /// <summary>The visible, enabled controls of the page, each marked with a data-kbd key (a radio group has one key).</summary>
    private static Task<string[]> ExpectedKeyboardStopsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          let n = 0;
          const key = el => el.type === 'radio' && el.name ? 'radio:' + el.name : (el.dataset.kbd ??= 'k' + (n++));
          const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]')]
            .filter(el => !el.disabled && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
          window.__kbdKey = key;
          return [...new Set(all.map(key))];
        }
        """);

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        App.Dispose();
    }
}
