namespace FastTrack.Domain.Common;

/// <summary>A business rule refused an action; the message is written for the user who tried it.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>What the user asked for does not exist (or is not theirs to see).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>Somebody else saved the same record first; the user must reload and decide.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
