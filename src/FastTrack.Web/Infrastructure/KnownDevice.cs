using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// The known-device cookie of sign-in throttling (docs/decisions/0004-sign-in-throttling.md): after a successful sign-in
/// the browser keeps, for a year, a token naming the account and a random device id, encrypted and signed with the app's
/// data-protection keys. A later attempt for that account from this browser is counted for this device alone, so someone
/// guessing the password elsewhere never slows the owner's own browser. It grants nothing by itself: the password is still
/// checked, and a device that fails too often is treated as unknown.
/// </summary>
public static class KnownDevice
{
    public const string CookieName = "FastTrack.Device";
    private const string Purpose = "FastTrack.KnownDevice.v1";

    /// <summary>The device id this browser holds for <paramref name="email"/>, or null.</summary>
    public static string? Read(HttpContext http, string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !http.Request.Cookies.TryGetValue(CookieName, out var value) || value.Length > 1024) return null;
        try
        {
            var parts = Protector(http).Unprotect(value).Split('\n');
            return parts.Length == 2 && parts[0] == Account(email) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static void Write(HttpContext http, string email, string device)
    {
        var environment = http.RequestServices.GetRequiredService<IWebHostEnvironment>();
        http.Response.Cookies.Append(CookieName, Protector(http).Protect(Account(email) + "\n" + device), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps || !environment.IsDevelopment(),
            Path = "/Account",
        });
    }

    private static string Account(string email) => email.Trim().ToUpperInvariant();

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
