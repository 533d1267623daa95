using System.Globalization;

namespace FastTrack.Domain.Common;

/// <summary>A name kept in the product's three languages; English is required and is the fallback.</summary>
public static class Localized
{
    public static readonly string[] Cultures = ["en", "ja", "zh-Hans"];

    public static string Pick(string en, string? ja, string? zh, CultureInfo? culture = null)
    {
        var name = (culture ?? CultureInfo.CurrentUICulture).Name;
        if (name.StartsWith("ja", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(ja))
            return ja;
        if (name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(zh))
            return zh;
        return en;
    }
}
