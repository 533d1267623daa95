using Microsoft.Extensions.Caching.Memory;

namespace FastTrack.Common.Caching;

/// <summary>
/// Results of the busiest reads (the portfolio, an engagement's page, the list's filter choices), kept in this process
/// under a key that holds the revisions they were read at (<see cref="Data.ChangeRevisions"/>). A handler first reads the
/// current revisions (one small command), then takes the cached result only if it was read at exactly those: a change
/// made through any instance raises a revision in its own transaction, so no instance serves a result older than the
/// database. Each entry is weighed in rows (an engagement page with a long timeline weighs more than a list page); the
/// cache holds at most <see cref="MaxRows"/> of them, the least recently used going first, and drops an entry after 10
/// minutes unused.
/// See docs/decisions/0009-read-caches-checked-against-revisions.md.
/// </summary>
public sealed class ReadCache : IDisposable
{
    /// <summary>About 100 MB at a few hundred bytes a row.</summary>
    public const int MaxRows = 250_000;
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxRows, CompactionPercentage = 0.25 });

    /// <summary>
    /// The result filed under <paramref name="key"/>, or reads it with <paramref name="read"/> and files it, weighing
    /// <paramref name="rows"/> rows.
    /// </summary>
    public async Task<T> GetOrReadAsync<T>(object key, Func<Task<T>> read, Func<T, int> rows) where T : class
    {
        if (_cache.TryGetValue(key, out var hit) && hit is T cached) return cached;
        var value = await read();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = Math.Max(1, rows(value)), SlidingExpiration = Unused });
        return value;
    }

    public int Count => _cache.Count;

    /// <summary>Forgets every result (the query budget tests count a page's commands with nothing cached).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
