namespace FastTrack.Web.Messages;

/// <summary>Messages of catalogue import and export: file problems, field names of the preview (Resources/Messages/ImportMessages.*.resx).</summary>
public sealed class ImportMessages : IMessageResource;
