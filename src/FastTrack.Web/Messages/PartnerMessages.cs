namespace FastTrack.Web.Messages;

/// <summary>Messages of the partner organisation and access use cases (Resources/Messages/PartnerMessages.*.resx).</summary>
public sealed class PartnerMessages : IMessageResource;
