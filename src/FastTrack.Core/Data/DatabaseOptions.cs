using System.Data.Common;
using FastTrack.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Data;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>
/// Chooses the engine from configuration (<c>Database:Provider</c>, <c>ConnectionStrings:FastTrack</c>)
/// and registers a pooled <see cref="FastTrackDbContext"/> for it. Nothing else in the app knows the engine.
/// </summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "FastTrack";
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var configured = configuration[ProviderKey];
        if (configured is null) return DatabaseProvider.Sqlite;
        // Only the names: Enum.TryParse would also take "1" or " sqlite ".
        foreach (var p in Enum.GetValues<DatabaseProvider>())
            if (string.Equals(configured, p.ToString(), StringComparison.OrdinalIgnoreCase)) return p;
        throw new InvalidSettingException(ProviderKey,
            $"'{configured}' is not an engine; use {string.Join(", ", Enum.GetNames<DatabaseProvider>())}");
    }

    /// <summary>The connection string, or by default (SQLite only) a file in the data folder.</summary>
    public static string ConnectionString(IConfiguration configuration, string dataFolder)
    {
        var provider = Provider(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (provider != DatabaseProvider.Sqlite)
            throw new InvalidSettingException(ConnectionStringKey,
                $"is empty, and {ProviderKey} is {provider}: give the {provider} connection string (docs/deployment.md)");
        Directory.CreateDirectory(dataFolder);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "fasttrack.db") }.ToString();
    }

    public static IServiceCollection AddFastTrackDatabase(this IServiceCollection services, DatabaseProvider provider,
        string connectionString)
    {
        // Interceptors registered in DI (e.g. the query budget tests' command counter) join the pooled contexts' options.
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<PostgresFastTrackDbContext>((sp, o) => ConfigurePostgres(o.AddInterceptors(sp.GetServices<IInterceptor>()), connectionString));
                services.AddScoped<FastTrackDbContext>(sp => Scoped(sp, sp.GetRequiredService<PostgresFastTrackDbContext>()));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextPool<SqlServerFastTrackDbContext>((sp, o) => ConfigureSqlServer(o.AddInterceptors(sp.GetServices<IInterceptor>()), connectionString));
                services.AddScoped<FastTrackDbContext>(sp => Scoped(sp, sp.GetRequiredService<SqlServerFastTrackDbContext>()));
                break;
            default:
                services.AddDbContextPool<SqliteFastTrackDbContext>((sp, o) => ConfigureSqlite(o.AddInterceptors(sp.GetServices<IInterceptor>()), connectionString));
                services.AddScoped<FastTrackDbContext>(sp => Scoped(sp, sp.GetRequiredService<SqliteFastTrackDbContext>()));
                break;
        }
        return services;
    }

    /// <summary>The pooled context, scoped to this DI scope's caller (reset on every resolution: contexts are reused).</summary>
    private static FastTrackDbContext Scoped(IServiceProvider sp, FastTrackDbContext db)
    {
        db.ScopeTo(sp.GetService<Common.Security.ICurrentUser>());
        return db;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder o, string connectionString)
    {
        o.UseSqlite(connectionString);
        o.AddInterceptors(SqlitePragmas.Instance);
        Common(o);
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder o, string connectionString)
    {
        o.UseNpgsql(WithPoolDefaults(connectionString));
        Common(o);
    }

    /// <summary>
    /// SQL Server 2019 or later, and Azure SQL. No retrying execution strategy: the app's saves open their own
    /// transaction (<see cref="FastTrackDbContext.SaveChangesAsync(bool, CancellationToken)"/>), which such a strategy
    /// refuses; a transient failure reaches the user as an error to try again, as on the other engines.
    /// </summary>
    public static void ConfigureSqlServer(DbContextOptionsBuilder o, string connectionString)
    {
        o.UseSqlServer(connectionString, s => s.UseCompatibilityLevel(150));
        Common(o);
    }

    private static void Common(DbContextOptionsBuilder o) =>
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);

    /// <summary>
    /// Two Npgsql settings the app turns on unless the connection string sets them (docs/deployment.md):
    /// <list type="bullet">
    /// <item><c>Max Auto Prepare</c> (off by default): a command that has run a few times on a connection is prepared on the
    /// server and its plan reused. The app's commands are few and repeated on every page. A connection string that sets it
    /// (e.g. 0 behind a pooler that cannot keep prepared statements) wins.</item>
    /// <item><c>No Reset On Close</c>: a pooled connection is not reset (RESET ALL, DISCARD, unlock advisory locks) each time
    /// it goes back to the pool. The app keeps no session state on a connection (no SET, temporary tables, advisory
    /// locks or LISTEN), and the reset was a second statement on every request.</item>
    /// </list>
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        bool Sets(params string[] names) => names.Any(n => connectionString.Contains(n, StringComparison.OrdinalIgnoreCase));
        if (!Sets("Auto Prepare", "AutoPrepare")) b.MaxAutoPrepare = 100;
        if (!Sets("No Reset On Close", "NoResetOnClose")) b.NoResetOnClose = true;
        return b.ConnectionString;
    }

    public static FastTrackDbContext CreateContext(DatabaseProvider provider, string connectionString,
        params IInterceptor[] interceptors) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresFastTrackDbContext(Build<PostgresFastTrackDbContext>(o => ConfigurePostgres(o.AddInterceptors(interceptors), connectionString))),
        DatabaseProvider.SqlServer => new SqlServerFastTrackDbContext(Build<SqlServerFastTrackDbContext>(o => ConfigureSqlServer(o.AddInterceptors(interceptors), connectionString))),
        _ => new SqliteFastTrackDbContext(Build<SqliteFastTrackDbContext>(o => ConfigureSqlite(o.AddInterceptors(interceptors), connectionString))),
    };

    private static DbContextOptions<T> Build<T>(Action<DbContextOptionsBuilder> configure) where T : DbContext
    {
        var b = new DbContextOptionsBuilder<T>();
        configure(b);
        return b.Options;
    }
}

/// <summary>
/// Every SQLite connection waits for a busy writer instead of failing at once, and flushes fully:
/// WAL with synchronous=FULL survives a power cut without losing a committed change. The pragmas
/// belong to the physical connection, which Microsoft.Data.Sqlite pools; they run once per physical
/// connection, not each time EF Core takes it from the pool (that was a round of four statements per query).
/// No memory-mapped I/O: the mapped pages of the database file would count in the app's resident memory (up to the mapped
/// size: 470 MB with 256 MB mapped after a benchmark's writes, against 250 MB without), and reads through the OS cache
/// measured the same (docs/performance.md, seventh round).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-16000;";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Applied = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Applied.TryGetValue(handle, out _)) return;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = Pragmas;
            cmd.ExecuteNonQuery();
        }
        if (handle is not null) Applied.AddOrUpdate(handle, true);
    }
}
