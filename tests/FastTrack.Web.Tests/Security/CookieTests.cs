using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Tests.Security;

public class CookieTests
{
    [Fact]
    public void The_temp_data_cookie_is_secure_and_http_only_outside_development()
    {
        using var app = new AppFactory("Production");
        var options = app.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value;
        Assert.Equal(CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
        Assert.True(options.Cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, options.Cookie.SameSite);
    }
}

/// <summary>Issue 22, item 5: signing out ends the session on the server, not only in the browser that signed out.</summary>
public class SignOutTests
{
    [Fact]
    public async Task A_copy_of_the_cookie_stops_working_after_sign_out()
    {
        using var factory = new AppFactory();
        // The stamp is checked every minute in production; here at every request, so the test need not wait a minute.
        using var app = factory.WithWebHostBuilder(b => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(b, s =>
            s.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        await factory.CreateUserAsync("fm@example.com", FastTrack.Domain.Catalogue.Roles.FastTrackManager);
        var cookies = new System.Net.CookieContainer();
        HttpClient Client() => app.CreateDefaultClient(new Uri("http://localhost"),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(0), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        var browser = Client();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/SignIn",
            new() { ["Data.Email"] = "fm@example.com", ["Data.Password"] = AppFactory.Password, ["Data.RememberMe"] = "true" })).StatusCode);
        var auth = cookies.GetCookies(new Uri("http://localhost"))["FastTrack.Auth"]!.Value;

        // Someone else's copy of the cookie (another device, or a stolen one): works while the session lives.
        var copy = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        copy.DefaultRequestHeaders.Add("Cookie", $"FastTrack.Auth={auth}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await copy.GetAsync("/Engagements")).StatusCode);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/SignOut", new(), pageUrl: "/")).StatusCode);

        var after = await copy.GetAsync("/Engagements");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/SignIn", after.Headers.Location!.OriginalString);
    }
}
