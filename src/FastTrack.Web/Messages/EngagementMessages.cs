namespace FastTrack.Web.Messages;

/// <summary>Messages and vocabulary of the customers and engagements use cases (Resources/Messages/EngagementMessages.*.resx).</summary>
public sealed class EngagementMessages : IMessageResource;
