using System.Globalization;

namespace FastTrack.Domain.Common;

/// <summary>
/// A business rule refused an action; the message is written for the user who tried it. The message
/// is a template with {0}-style arguments so the web layer can translate it (Resources/Messages).
/// </summary>
public class DomainException : Exception
{
    public DomainException(string template, params object[] args)
        : base(args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args))
    {
        Template = template;
        Args = args;
    }

    public string Template { get; }
    public IReadOnlyList<object> Args { get; }
}

/// <summary>What the user asked for does not exist (or is not theirs to see).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Somebody else saved the same record first; the user must reload and decide.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
