namespace FastTrack.Web.Tests.Infrastructure;

/// <summary>The app's rolling JSON log files of a test database (its <c>logs</c> folder), read while the app may still write them.</summary>
internal static class LogFiles
{
    public static List<string> Lines(AppDatabase database) =>
        Directory.GetFiles(Path.Combine(database.Folder, "logs"), "fasttrack-*.log").SelectMany(ReadShared).ToList();

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
