using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// How long a session lives: it ends after 2 hours without a request (the cookie's sliding expiry) and 12 hours after
/// sign-in whatever the activity (the sign-in time travels in the cookie's protected properties). Disabling a user,
/// removing a role or setting a password renews the security stamp, which ends their sessions at the next validation
/// (every minute: <see cref="SecurityStampValidatorOptions.ValidationInterval"/>).
/// </summary>
public static class SessionLimits
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    public static readonly TimeSpan StampValidation = TimeSpan.FromMinutes(1);
    private const string SignedInAt = "ft.signedInAt";

    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        context.Properties.Items[SignedInAt] = now.ToString("O", CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SignedInAt, out var value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedIn)
            || now - signedIn > Absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
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
}
