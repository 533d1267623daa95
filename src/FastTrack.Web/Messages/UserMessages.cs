using System.Collections.Concurrent;
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

    // Resources are embedded and never change while the app runs, so each (language, text) is looked up once: a page
    // translates the same statuses, fields and actions many times. Bounded, as some texts come from data.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<(string Culture, string English), string> _translations = new();
    private readonly ConcurrentDictionary<(string Culture, string Action), string> _actions = new();

    public UserMessages(IStringLocalizerFactory factory)
    {
        _localizers = typeof(UserMessages).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessageResource).IsAssignableFrom(t))
            .Append(typeof(SharedResource))
            .Select(factory.Create)
            .ToArray();
    }

    public string Translate(string english) =>
        Remembered(_translations, english, static (self, text) => self.Lookup(text));

    private string Lookup(string english)
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
    public string Action(string action) =>
        Remembered(_actions, action, static (self, text) => self.ActionWords(text));

    private string ActionWords(string action)
    {
        var translated = Translate(action);
        if (!ReferenceEquals(translated, action) && translated != action) return translated;
        var words = System.Text.RegularExpressions.Regex.Replace(action, "(?<=[a-z0-9])(?=[A-Z])", " ").ToLowerInvariant();
        return words.Length == 0 ? action : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private string Remembered(ConcurrentDictionary<(string, string), string> memory, string text, Func<UserMessages, string, string> find)
    {
        var key = (CultureInfo.CurrentUICulture.Name, text);
        if (memory.TryGetValue(key, out var found)) return found;
        found = find(this, text);
        if (memory.Count < MaxRemembered) memory.TryAdd(key, found);
        return found;
    }

    public string Translate(DomainException e) =>
        e.Args.Count == 0
            ? Translate(e.Template)
            : string.Format(CultureInfo.CurrentCulture, Translate(e.Template), e.Args.ToArray());
}
