using Moq;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using FastTrack.Domain.Catalogue;

namespace FastTrack.Web.Tests.Infrastructure;

public class SecurityHeadersTests
{
    [Fact]
    public async Task Every_page_carries_the_security_headers_and_signed_in_pages_are_not_cached()
    {
        using var app = new AppFactory();
        var fm = await app.SignedInAsync(Roles.FastTrackManager);
        var response = await fm.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline' 'self'; script", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script>(?!</script>)", html.Replace("<script src", "<scriptsrc"));
    }

    [Fact]
    public async Task Production_sends_HSTS_for_a_year_over_https()
    {
        using var app = new AppFactory("Production");
        await app.CreateUserAsync("fm@example.com", Roles.FastTrackManager);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://fasttrack.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/Account/SignIn");
        Assert.Contains("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Production_over_plain_http_says_it_needs_https_instead_of_failing_in_a_form_and_health_still_answers()
    {
        using var app = new AppFactory("Production");
        var http = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://fasttrack.example"), AllowAutoRedirect = false });
        foreach (var url in new[] { "/Account/SignIn", "/Setup", "/" })
        {
            var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("served over HTTPS only", await response.Content.ReadAsStringAsync());
        }
        var posted = await http.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string> { ["Data.Email"] = "a@b.c" }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var https = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://fasttrack.example"), AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.BadRequest, (await https.GetAsync("/Account/SignIn")).StatusCode);
    }

    [Fact]
    public async Task A_forced_error_in_Production_shows_the_friendly_page_without_a_stack_trace()
    {
        using var app = new AppFactory("Production");
        var mediator = new Moq.Mock<MediatR.IMediator>();
        mediator.Setup(m => m.Send(Moq.It.IsAny<MediatR.IRequest<bool>>(), Moq.It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("database exploded at SECRET-DETAIL"));
        using var broken = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddScoped(_ => mediator.Object)));
        var client = broken.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://fasttrack.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/SignIn");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("SECRET-DETAIL", html);
        Assert.DoesNotContain("InvalidOperationException", html);
        Assert.DoesNotContain("   at ", html);
    }
}
