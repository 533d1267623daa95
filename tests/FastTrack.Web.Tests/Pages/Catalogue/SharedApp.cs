namespace FastTrack.Web.Tests.Pages.Catalogue;

/// <summary>One app for the tests of a class that leave the catalogue as they found it (read-only or refused imports).</summary>
public sealed class SharedApp : IDisposable
{
    public AppFactory App { get; } = new();

    public void Dispose() => App.Dispose();
}
