using System.Collections.Concurrent;

namespace FastTrack.Data;

/// <summary>
/// SQLite lets one connection write at a time; the others wait in its busy handler, which sleeps and polls (1, 2, 5, 10 …
/// ms). Saves of this process therefore take turns here first, per database file, and reach SQLite one after the other:
/// no sleeping, no SQLITE_BUSY under load. Reads never wait (WAL). Several processes on one SQLite file still work
/// (the busy timeout remains), but PostgreSQL is the engine for several instances (docs/deployment.md).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static IDisposable Enter(string? database)
    {
        var gate = For(database);
        gate.Wait();
        return new Turn(gate);
    }

    public static async Task<IDisposable> EnterAsync(string? database, CancellationToken ct)
    {
        var gate = For(database);
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private static SemaphoreSlim For(string? database) => Gates.GetOrAdd(database ?? "", _ => new SemaphoreSlim(1, 1));

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
