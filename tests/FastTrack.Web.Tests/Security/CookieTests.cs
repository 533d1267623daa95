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
