using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace FastTrack.Web.Infrastructure;

/// <summary>
/// Where to go back to after sign-in or a change of language. Only a local path is followed (anything else goes home),
/// and it is written as a browser would send it: characters outside ASCII (a search for 日本) are percent-encoded as UTF-8,
/// because a Location header may hold ASCII only (Kestrel refuses the response otherwise: a 500 after the sign-in).
/// </summary>
public static class LocalUrl
{
    public static string Or(IUrlHelper url, string? returnUrl, string fallback = "/")
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl)) return fallback;
        var text = new StringBuilder(returnUrl.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is < 0x20 or 0x7F) return fallback;
            if (rune.IsAscii) { text.Append((char)rune.Value); continue; }
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length]) text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
