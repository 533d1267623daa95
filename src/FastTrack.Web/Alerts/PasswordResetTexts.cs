using System.Globalization;
using FastTrack.Features.Account;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Alerts;

/// <summary>The password-reset mail, in the recipient's stored language (Resources/Alerts/PasswordResetTexts.*.resx).</summary>
public sealed class PasswordResetTexts(IStringLocalizer<PasswordResetTexts> t) : IPasswordResetMailWriter
{
    public (string Subject, string Body) ResetLink(string link, string? culture, TimeSpan validFor)
    {
        var (was, wasUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture is "ja" or "zh-Hans" ? culture : "en");
            var minutes = (int)validFor.TotalMinutes;
            var body = string.Join("\n",
                t["Someone, probably you, asked to reset your FastTrack password."],
                "",
                t["Choose a new password here (the link works once, for {0} minutes):", minutes],
                link,
                "",
                t["If you did not ask for this, ignore this mail: your password stays as it is."]);
            return (t["Reset your FastTrack password"], body + "\n");
        }
        finally
        {
            CultureInfo.CurrentCulture = was;
            CultureInfo.CurrentUICulture = wasUi;
        }
    }
}
