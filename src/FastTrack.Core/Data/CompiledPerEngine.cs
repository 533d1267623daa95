using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Data;

/// <summary>
/// A compiled query kept per engine. EF Core binds a compiled query to the model of the first context it runs on, and
/// each engine's context has a model of its own: the app runs on one engine, but a process that uses two (the tests:
/// SQLite and the SQL Server offline checks) would be refused on the second.
/// </summary>
internal sealed class CompiledPerEngine<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _byContext = new();

    public TQuery For(DbContext db) => _byContext.GetOrAdd(db.GetType(), _ => compile());
}
