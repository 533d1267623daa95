using System.Globalization;
using FastTrack.Common;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Users;
using FastTrack.Web.Alerts;
using FastTrack.Web.Api;
using FastTrack.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Serilog;

namespace FastTrack.Web;

/// <summary>The composition root: every service and middleware of the app, in one place.</summary>
public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("ja"), new("zh-Hans")];

    public static void AddFastTrack(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;

        var dataFolder = DataFolder(builder);
        var logger = Logger(config, dataFolder);
        builder.Host.UseSerilog(logger, dispose: true);
        // The request log writes through this logger too (its default is the static Log.Logger, which the app leaves unset).
        services.AddSingleton(new RequestLog(logger));

        var provider = DatabaseSetup.Provider(config);
        services.AddFastTrackDatabase(provider, DatabaseSetup.ConnectionString(config, dataFolder));
        services.AddHealthChecks().AddDbContextCheck<FastTrackDbContext>("database", tags: ["ready"]);
        services.ConfigureForwardedHeaders(config);

        services.AddFastTrackCore();
        // The clocks' thresholds (docs/engagements.md, "Clocks"): a value that cannot work stops the start with its key.
        var clocks = config.GetSection(Domain.Engagements.ClockSettings.Section).Get<Domain.Engagements.ClockSettings>() ?? new();
        if (clocks.Problems() is [var (key, problem), ..]) throw new InvalidSettingException(key, problem);
        services.Configure<Domain.Engagements.ClockSettings>(config.GetSection(Domain.Engagements.ClockSettings.Section));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();

        services.AddDataProtection().SetApplicationName("FastTrack").PersistKeysToDbContext<FastTrackDbContext>();

        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<FastTrackDbContext>()
            .AddClaimsPrincipalFactory<PartnerClaims>()
            .AddDefaultTokenProviders();
        // Reset links (RequestPasswordReset) work for an hour; they also stop working once used (the security stamp changes).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = Features.Account.RequestPasswordReset.ValidFor);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "FastTrack.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Idle limit: a session unused for 2 hours ends (sliding); absolute limit: 12 hours after sign-in (SessionLimits).
            o.ExpireTimeSpan = SessionLimits.Idle;
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = SessionLimits.OnSigningIn;
            // /api is authenticated by API tokens only: a sign-in cookie never authenticates an API call (no antiforgery there).
            o.ForwardDefaultSelector = context => Api.ApiSetup.IsApi(context) ? Api.ApiTokenAuthentication.SchemeName : null;
            o.Events.OnValidatePrincipal = SessionLimits.OnValidatePrincipal;
            // Answer 403 in place (rendered by /Error) rather than redirecting: the URL stays, and tests and tools see the status.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.AddFastTrackSso();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionLimits.StampValidation);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "FastTrack.Antiforgery";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        // TempData (the "saved" messages) travels in a cookie: as guarded as the others.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = TempDataCookie.Name;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Messages.UserMessages>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CultureCookie.Name },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/Denied");
                o.Conventions.AllowAnonymousToPage("/Account/Pending");
                o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
                o.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
                o.Conventions.AllowAnonymousToPage("/Setup");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
                // Pages answer GET and POST only: a method such as OnRedisplayAsync must never become a handler of a "REDISPLAY" request.
                o.Conventions.Add(new GetAndPostHandlersOnly());
                // An id in the route is taken from the route, never from a form field of the same name.
                o.Conventions.Add(new RouteValuesFromRouteOnly());
                // /Admin is for admins; its API tokens page also for partner organisations' admins (their own organisation's).
                o.Conventions.AddFolderApplicationModelConvention("/Admin", model => model.EndpointMetadata.Add(
                    new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(
                        model.ViewEnginePath.StartsWith("/Admin/Tokens/", StringComparison.Ordinal) ? Policies.TokenIssuers : Policies.Admin)));
                o.Conventions.AuthorizePage("/Engagements/Dibs", Policies.Manager);
                o.Conventions.AuthorizePage("/Engagements/Partners", Policies.Manager);
            })
            .AddMvcOptions(o =>
            {
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<UseCaseExceptionFilter>();
                o.Filters.Add<NoHandlerNoPost>();
                o.ModelBinderProviders.Insert(0, new TrimmedStringBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        ReusedFormTokens.Register(services);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Admin, Roles.FastTrackManager))
            .AddPolicy(Policies.TokenIssuers, p => p.RequireAssertion(c => c.User.IsInRole(Roles.Admin)
                || (c.User.IsInRole(Roles.Partner) && c.User.HasClaim(PartnerClaims.OrganisationAdmin, "true"))));

        services.AddFastTrackAlerts(config);
        services.AddFastTrackApi(config);
        services.AddFastTrackOpenApi();

        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = 6 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = OversizedRequests.MaxBody);
    }

    /// <summary>
    /// Serilog from the "Serilog" section (levels, console), plus a rolling JSON file (one a day or per 100 MB, 60 kept)
    /// at <c>Logging:FilePath</c>, by default <c>logs/</c> in the data folder.
    /// </summary>
    internal const long LogFileBytes = 100L * 1024 * 1024;

    private static Serilog.ILogger Logger(IConfiguration config, string dataFolder)
    {
        var path = config["Logging:FilePath"];
        if (string.IsNullOrWhiteSpace(path)) path = Path.Combine(dataFolder, "logs", "fasttrack-.log");
        // Sink assemblies named explicitly: discovery through the entry assembly fails under test hosts.
        var reader = new Serilog.Settings.Configuration.ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly);
        var sinks = new LoggerConfiguration()
            .ReadFrom.Configuration(config, reader)
            // A new file each day and every 100 MB (without rollOnFileSizeLimit Serilog stops writing at its 1 GB default:
            // a busy day went silent after about 1.5 million requests); the newest 60 files are kept.
            .WriteTo.File(new Serilog.Formatting.Json.JsonFormatter(renderMessage: true), path,
                rollingInterval: RollingInterval.Day, fileSizeLimitBytes: LogFileBytes, rollOnFileSizeLimit: true, retainedFileCountLimit: 60)
            .CreateLogger();
        // The logger the app writes to has the configured levels (so nothing below them is even made) and hands every
        // event to the sinks above with exceptions stripped of their messages (WithoutExceptionMessages).
        var levels = new ConfigurationBuilder().AddInMemoryCollection(config.AsEnumerable()
            .Where(kv => kv.Key.StartsWith("Serilog:MinimumLevel", StringComparison.OrdinalIgnoreCase))).Build();
        return new LoggerConfiguration()
            .ReadFrom.Configuration(levels, reader)
            .WriteTo.Sink(new WithoutExceptionMessages(sinks))
            .CreateLogger();
    }

    private static string DataFolder(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Database:DataFolder"];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.Environment.ContentRootPath, "App_Data")
            : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
    }

    /// <summary>Applies migrations, seeds the catalogue (first start only) and makes sure the roles exist.</summary>
    /// <param name="announceFirstRun">Say in the log how to create the first admin (not for commands that create users themselves).</param>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool announceFirstRun = true)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        await db.Database.MigrateAsync();
        await CatalogueSeeder.SeedAsync(db);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        if (announceFirstRun && !await db.Users.AnyAsync())
            app.Logger.LogWarning("No user exists yet: open /Setup in a browser to create the first admin.");
    }

    public static void UseFastTrack(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            app.UseMiddleware<HttpsOnly>();
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseMiddleware<Api.ApiErrorBodies>();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<OversizedRequests>();
        app.UseSerilogRequestLogging(app.Services.GetRequiredService<RequestLog>().Configure);
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapRazorPages();
        app.MapFastTrackApi();
        app.MapFastTrackOpenApi();
#if FASTTRACK_BENCHMARK
        Benchmark.BenchmarkEndpoints.MapBenchmarkBaselines(app);
#endif
    }
}

public static class Policies
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    /// <summary>Admins, and partner organisations' admins (the token use cases scope them to their organisation).</summary>
    public const string TokenIssuers = "TokenIssuers";
}

public static class CultureCookie
{
    public const string Name = "FastTrack.Culture";
}

/// <summary>The TempData cookie (the "saved" messages); the layout reads TempData only when it is there.</summary>
public static class TempDataCookie
{
    public const string Name = "FastTrack.TempData";
}
