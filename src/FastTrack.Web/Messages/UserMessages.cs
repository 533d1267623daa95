using System.Globalization;
using FastTrack.Domain.Common;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Messages;

/// <summary>
/// Marks a resource of messages that the core layer writes in English (validation failures, refused
/// domain rules). Each area has one: <c>Messages/CatalogueMessages.cs</c> +
/// <c>Resources/Messages/CatalogueMessages.ja.resx</c> / <c>.zh-Hans.resx</c>, keyed by the English text.
/// </summary>
public interface IMessageResource;

/// <summary>Translates a message from the core layer into the user's language; English when no translation exists.</summary>
public sealed class UserMessages
{
    private readonly IStringLocalizer[] _localizers;

    public UserMessages(IStringLocalizerFactory factory)
    {
        _localizers = typeof(UserMessages).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessageResource).IsAssignableFrom(t))
            .Append(typeof(SharedResource))
            .Select(factory.Create)
            .ToArray();
    }

    public string Translate(string english)
    {
        foreach (var l in _localizers)
        {
            var s = l[english];
            if (!s.ResourceNotFound) return s.Value;
        }
        return english;
    }

    /// <summary>Translates an English template with {0}-style placeholders, then fills them in the user's culture.</summary>
    public string Translate(string template, IReadOnlyList<object> args) =>
        args.Count == 0 ? Translate(template) : string.Format(CultureInfo.CurrentCulture, Translate(template), args.ToArray());

    /// <summary>
    /// An audit action name (TaskStatusChanged) in the user's language, or in plain English words
    /// ("Task status changed") where no translation exists.
    /// </summary>
    public string Action(string action)
    {
        var translated = Translate(action);
        if (!ReferenceEquals(translated, action) && translated != action) return translated;
        var words = System.Text.RegularExpressions.Regex.Replace(action, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return words.Length == 0 ? action : char.ToUpperInvariant(words[0]) + words[1..];
    }

    public string Translate(DomainException e) =>
        e.Args.Count == 0
            ? Translate(e.Template)
            : string.Format(CultureInfo.CurrentCulture, Translate(e.Template), e.Args.ToArray());
}
