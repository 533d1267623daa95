using System.Globalization;
using System.Security.Claims;
using FastTrack.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>
/// The per-request cookie check of an active session (SessionLimits.CheckStampAsync; the server-side session itself is
/// covered by ServerSessionTests): the security stamp is only looked at once the validation interval has elapsed since
/// the cookie was issued, exactly as SecurityStampValidator decides; before that nothing of Identity is resolved.
/// </summary>
public class SessionLimitsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(60)]
    public async Task Within_the_interval_the_stamp_validator_is_not_consulted(int secondsSinceIssued)
    {
        var (context, validator) = Request(TimeSpan.FromSeconds(secondsSinceIssued));

        await SessionLimits.CheckStampAsync(context);

        Assert.Equal(0, validator.Calls);
        Assert.NotNull(context.Principal);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(3600)]
    public async Task Once_the_interval_has_elapsed_the_stamp_validator_checks_the_stamp(int secondsSinceIssued)
    {
        var (context, validator) = Request(TimeSpan.FromSeconds(secondsSinceIssued));

        await SessionLimits.CheckStampAsync(context);

        Assert.Equal(1, validator.Calls);
    }

    [Fact]
    public async Task A_cookie_without_an_issue_time_is_always_checked()
    {
        var (context, validator) = Request(null);

        await SessionLimits.CheckStampAsync(context);

        Assert.Equal(1, validator.Calls);
    }

    [Fact]
    public async Task A_zero_interval_checks_at_every_request()
    {
        var (context, validator) = Request(TimeSpan.FromMilliseconds(1), interval: TimeSpan.Zero);

        await SessionLimits.CheckStampAsync(context);

        Assert.Equal(1, validator.Calls);
    }

    /// <summary>A request carrying a cookie signed in an hour ago and issued <paramref name="sinceIssued"/> ago.</summary>
    private static (CookieValidatePrincipalContext Context, CountingValidator Validator) Request(TimeSpan? sinceIssued, TimeSpan? interval = null)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var now = clock.GetUtcNow();
        var validator = new CountingValidator();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<ISecurityStampValidator>(validator)
            .AddSingleton(Options.Create(new SecurityStampValidatorOptions { ValidationInterval = interval ?? Interval, TimeProvider = clock }))
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        var properties = new AuthenticationProperties { IssuedUtc = now - sinceIssued };
        properties.Items["ft.signedInAt"] = (now - TimeSpan.FromHours(1)).ToString("O", CultureInfo.InvariantCulture);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "fm@example.com")], "test"));
        var scheme = new AuthenticationScheme(IdentityConstants.ApplicationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(principal, properties, scheme.Name);
        return (new CookieValidatePrincipalContext(http, scheme, new CookieAuthenticationOptions(), ticket), validator);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CountingValidator : ISecurityStampValidator
    {
        public int Calls { get; private set; }

        public Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }
}
