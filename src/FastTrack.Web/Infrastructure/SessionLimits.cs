using System.Globalization;
using System.Security.Claims;
using FastTrack.Data;
using FastTrack.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// How long a session lives: it ends after 2 hours without a request (the cookie's sliding expiry) and 12 hours after
/// sign-in whatever the activity (the sign-in time travels in the cookie's protected properties). Disabling a user,
/// removing a role or setting a password renews the security stamp, which ends their sessions at the next validation
/// (every minute: <see cref="SecurityStampValidatorOptions.ValidationInterval"/>). Every sign-in is also a session on the
/// server (<see cref="SessionCheck"/>), checked on every request: ending it (sign-out, "sign out everywhere", disabling
/// the user) refuses its cookie, and any copy of it, at the next request.
/// </summary>
public static class SessionLimits
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    public static readonly TimeSpan StampValidation = TimeSpan.FromMinutes(1);
    private const string SignedInAt = "ft.signedInAt";
    /// <summary>The server-side session (<see cref="SessionCheck"/>) in the cookie's protected properties.</summary>
    private const string Session = "ft.session";

    /// <summary>The session id of this request's sign-in cookie, once validated (null for API tokens and anonymous).</summary>
    public static string? CurrentSession(HttpContext http) => http.Items[Session] as string;

    private const string UnreadAlertsKey = "ft.unreadAlerts";

    /// <summary>The signed-in user's unread alerts as this request's session check counted them (the bell), or null.</summary>
    public static int? UnreadAlerts(HttpContext http) => http.Items[UnreadAlertsKey] as int?;

    public static async Task OnSigningIn(CookieSigningInContext context)
    {
        // A renewed sign-in (RefreshSignInAsync after a password change) carries its properties on: same session, same
        // sign-in time. Any other sign-in, whatever signs the user in, starts a session here.
        if (context.Properties.Items.TryGetValue(Session, out var existing) && existing is not null) return;
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in without a user id.");
        var id = await services.GetRequiredService<SessionCheck>().StartAsync(services.GetRequiredService<FastTrackDbContext>(), userId,
            context.HttpContext.Request.Headers.UserAgent.ToString(), context.Properties.IsPersistent, context.HttpContext.RequestAborted);
        context.Properties.Items[SignedInAt] = now.ToString("O", CultureInfo.InvariantCulture);
        context.Properties.Items[Session] = id;
        context.HttpContext.Items[Session] = id;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SignedInAt, out var value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
            || now - signedIn > Absolute)
        {
            await RejectAsync(context);
            return;
        }
        // The server-side session: ended by signing out (here or elsewhere), "sign out everywhere" or disabling the user,
        // it is refused at once, a copy of the cookie included. A cookie from before sessions existed has none.
        var services = context.HttpContext.RequestServices;
        if (!context.Properties.Items.TryGetValue(Session, out var session) || session is null
            || context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || await services.GetRequiredService<SessionCheck>().CheckAsync(services.GetRequiredService<FastTrackDbContext>(),
                session, userId, context.HttpContext.RequestAborted) is not int unread)
        {
            await RejectAsync(context);
            return;
        }
        context.HttpContext.Items[Session] = session;
        context.HttpContext.Items[UnreadAlertsKey] = unread;
        await CheckStampAsync(context);
    }

    /// <summary>
    /// The security stamp check of an active session's cookie: only once the validation interval has elapsed since the
    /// cookie was issued.
    /// </summary>
    public static async Task CheckStampAsync(CookieValidatePrincipalContext context)
    {
        // The stamp validator only checks once ValidationInterval has elapsed since the cookie was issued (and re-issues
        // it then); until that, answer here rather than resolve it and its SignInManager and UserManager on every request.
        // Same options, clock and comparison as SecurityStampValidator<TUser>.ValidateAsync.
        var stamp = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        if (context.Properties.IssuedUtc is { } issued
            && (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued <= stamp.ValidationInterval)
        {
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
