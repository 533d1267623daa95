namespace FastTrack.Web.Messages;

/// <summary>Messages of the users and sign-in use cases (Resources/Messages/CommonMessages.*.resx).</summary>
public sealed class CommonMessages : IMessageResource;
