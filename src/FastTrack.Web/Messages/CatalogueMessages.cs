namespace FastTrack.Web.Messages;

/// <summary>Messages of the catalogue use cases and domain (Resources/Messages/CatalogueMessages.*.resx).</summary>
public sealed class CatalogueMessages : IMessageResource;
