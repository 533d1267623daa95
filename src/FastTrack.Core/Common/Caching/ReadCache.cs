using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;

namespace FastTrack.Common.Caching;

/// <summary>
/// Results of the busiest reads (the portfolio, an engagement's page, the list and its filter choices), kept in this
/// process under a key that holds the revisions they were read at (<see cref="Data.ChangeRevisions"/>). A handler first
/// reads the current revisions (one small command), then takes the cached result only if it was read at exactly those: a
/// change made through any instance raises a revision in its own transaction, so no instance serves a result older than
/// the database.
/// <para>
/// The whole cache is bounded in <b>bytes</b> (<see cref="DefaultMaxBytes"/>, or <c>ReadCache:MaxMegabytes</c>): each
/// entry weighs what its key and result hold (<see cref="Weigh"/>), plus the page text rendered from it and kept with it
/// (<see cref="AddKept"/>, ADR 0012). Past the bound the least recently used go first; an entry is dropped after 10
/// minutes unused. See docs/decisions/0009-read-caches-checked-against-revisions.md.
/// </para>
/// </summary>
public sealed class ReadCache : IDisposable
{
    public const long DefaultMaxBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache;
    // Which key and weight each cached result has, so that kept page text can be added to its weight.
    private readonly ConditionalWeakTable<object, Entry> _entries = [];

    public ReadCache() : this(DefaultMaxBytes) { }

    public ReadCache(IConfiguration config)
        : this(double.TryParse(config["ReadCache:MaxMegabytes"], NumberStyles.Float, CultureInfo.InvariantCulture, out var mb) && mb > 0
            ? (long)(mb * 1024 * 1024) : DefaultMaxBytes) { }

    private ReadCache(long maxBytes)
    {
        MaxBytes = maxBytes;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxBytes, CompactionPercentage = 0.25, TrackStatistics = true });
    }

    public long MaxBytes { get; }

    /// <summary>
    /// The result filed under <paramref name="key"/>, or reads it with <paramref name="read"/> and files it, weighing
    /// <paramref name="bytes"/> (what the result holds; the key is added here).
    /// </summary>
    public async Task<T> GetOrReadAsync<T>(object key, Func<Task<T>> read, Func<T, long> bytes) where T : class
    {
        if (_cache.TryGetValue(key, out var hit) && hit is T cached) return cached;
        var value = await read();
        var entry = new Entry(key, Weigh.Key(key) + Math.Max(0, bytes(value)));
        _entries.AddOrUpdate(value, entry);
        _cache.Set(key, value, Options(entry.Bytes));
        return value;
    }

    /// <summary>
    /// Adds <paramref name="bytes"/> of text kept with the cached <paramref name="value"/> to its weight. False when the value
    /// is not (or no longer) in the cache, or does not fit: then the text must not be kept.
    /// </summary>
    public bool AddKept(object value, long bytes)
    {
        if (!_entries.TryGetValue(value, out var entry)) return false;
        lock (entry)
        {
            if (!_cache.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, value)) return false;
            entry.Bytes += bytes;
            _cache.Set(entry.Key, value, Options(entry.Bytes));
            return _cache.TryGetValue(entry.Key, out current) && ReferenceEquals(current, value);
        }
    }

    private static MemoryCacheEntryOptions Options(long bytes) => new() { Size = Math.Max(1, bytes), SlidingExpiration = Unused };

    public int Count => _cache.Count;

    /// <summary>The weight of everything cached now, in bytes (at most <see cref="MaxBytes"/>).</summary>
    public long Bytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>Forgets every result (the query budget tests count a page's commands with nothing cached).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();

    private sealed class Entry(object key, long bytes)
    {
        public object Key { get; } = key;
        public long Bytes { get; set; } = bytes;
    }
}

/// <summary>
/// What cached objects weigh on the 64-bit runtime: an object's header and method table (16 bytes) and its fields, a
/// string's 22 bytes and two a character, an array's 24 bytes and its elements. Used to weigh cache entries by what they
/// hold rather than by their number of rows.
/// </summary>
public static class Weigh
{
    public const long Object = 16;
    /// <summary>An object of a few scalar and reference fields (a row, a record of a list).</summary>
    public const long Row = Object + 8 * 8;

    public static long Text(string? text) => text is null ? 0 : 22 + 2L * text.Length;

    public static long List(int count) => Object + 24 + 24 + 8L * count;

    /// <summary>A key: a tuple of strings, numbers and records of them (the list's query, a user id, a stamp).</summary>
    public static long Key(object key) => key switch
    {
        string s => Text(s),
        ITuple t => Object + 8L * t.Length + Enumerable.Range(0, t.Length).Sum(i => t[i] is { } part && !part.GetType().IsPrimitive ? Key(part) : 8),
        Features.Engagements.ListEngagements.Query q => Row + Text(q.Service) + Text(q.ManagerId) + Text(q.Search) + Text(q.Sort),
        _ => Row,
    };
}
