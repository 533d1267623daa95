using System.Reflection;
using FluentValidation;

namespace FastTrack.Features.Users;

/// <summary>
/// What a password must be (ASVS 5.0 V6.2): at least 12 characters, at most 256, any characters (spaces, any script),
/// and not easy to guess: not one of the common passwords (<c>CommonPasswords.txt</c>), not a common password with only
/// digits or symbols around it (<c>Qwerty123456</c>), not one character or a short group repeated
/// (<c>aaaaaaaaaaaa</c>, <c>abcabcabcabc</c>) and not a run (<c>123456789012</c>, <c>abcdefghijkl</c>). There is no
/// rule on kinds of characters (upper case, digits, symbols): ASVS and NIST SP 800-63B advise against them.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;
    public const string TooShort = "The password needs at least 12 characters.";
    public const string TooCommon = "This password is too common or too easy to guess. A phrase of several words of your own is better.";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    /// <summary>The password rules on a command's password field (optional: an empty value is left to <paramref name="required"/>).</summary>
    public static IRuleBuilderOptions<T, string?> StrongPassword<T>(this IRuleBuilder<T, string?> rule, bool required = true) =>
        rule.Must(p => !required || !string.IsNullOrEmpty(p)).WithMessage(TooShort)
            .Must(p => string.IsNullOrEmpty(p) || p.Length >= MinimumLength && !string.IsNullOrWhiteSpace(p)).WithMessage(TooShort)
            .Must(p => string.IsNullOrEmpty(p) || p.Length <= MaximumLength).WithMessage("The password can have at most 256 characters.")
            .Must(p => string.IsNullOrEmpty(p) || p.Length > MaximumLength || !IsEasyToGuess(p)).WithMessage(TooCommon);

    public static bool IsEasyToGuess(string password)
    {
        var text = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(text) || IsPattern(text)) return true;
        // A common word or pattern with only digits or symbols around it.
        var core = text.Trim("0123456789!@#$%^&*()-_=+.,;:?~ ".ToCharArray());
        if (core.Length == 0) return IsPattern(new string(text.Where(char.IsDigit).ToArray())) || text.Distinct().Count() <= 2;
        return core.Length < text.Length && (Common.Value.Contains(core) || core.Length >= 3 && IsPattern(core));
    }

    /// <summary>One character or a group of up to four repeated, or a run up or down (digits wrap: 8901).</summary>
    private static bool IsPattern(string s)
    {
        if (s.Length < 3) return s.Length > 0;
        for (var period = 1; period <= 4 && period * 2 <= s.Length; period++)
        {
            var repeated = true;
            for (var i = period; i < s.Length && repeated; i++) repeated = s[i] == s[i - period];
            if (repeated) return true;
        }
        foreach (var step in new[] { 1, -1 })
        {
            var run = true;
            for (var i = 1; i < s.Length && run; i++)
                run = s[i] - s[i - 1] == step || char.IsDigit(s[i]) && char.IsDigit(s[i - 1]) && (s[i] - s[i - 1] + 10) % 10 == (step + 10) % 10;
            if (run) return true;
        }
        return false;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FastTrack.Features.Users.CommonPasswords.txt")
            ?? throw new InvalidOperationException("CommonPasswords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set;
    }
}
