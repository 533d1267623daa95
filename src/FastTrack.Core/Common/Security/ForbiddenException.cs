namespace FastTrack.Common.Security;

/// <summary>The caller's role may not send this request.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
