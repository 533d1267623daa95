namespace FastTrack.Web;

/// <summary>Marker for strings shared by many pages (Resources/SharedResource.ja.resx, .zh-Hans.resx).</summary>
public sealed class SharedResource;
