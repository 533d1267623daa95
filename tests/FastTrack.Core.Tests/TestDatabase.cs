using FastTrack.Common;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Users;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastTrack.Tests;

/// <summary>
/// A real database per test: a private in-memory SQLite (or, when FASTTRACK_TEST_POSTGRES is set, a fresh
/// PostgreSQL database on that server), migrated as the app does at start-up and seeded by the app's seeder. The
/// catalogue is the release seed (3 phases, 20 tasks: a database of an earlier release, ADR 0015) unless a test asks
/// for another, e.g. <see cref="ShippedCatalogue.Playbook"/>, what a new database of this release starts with.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly string? _serverDatabase;

    private TestDatabase(DatabaseProvider provider, string connectionString, SqliteConnection? keepAlive, string? serverDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _serverDatabase = serverDatabase;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server of the run (eng/test.sh starts one), or null for SQLite only.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("FASTTRACK_TEST_POSTGRES");

    /// <summary>A live SQL Server of the run (eng/test.sh --sqlserver), or null: then SQL Server is checked offline.</summary>
    public static string? SqlServerServer => Environment.GetEnvironmentVariable("FASTTRACK_TEST_SQLSERVER");

    /// <summary>The engine the database tests run on: a live SQL Server if given, else PostgreSQL if given, else SQLite.</summary>
    public static DatabaseProvider DefaultProvider =>
        SqlServerServer is not null ? DatabaseProvider.SqlServer : PostgresServer is not null ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(bool seed = true, DatabaseProvider? provider = null, bool migrate = true,
        ShippedCatalogue? catalogue = null)
    {
        provider ??= DefaultProvider;
        TestDatabase db;
        if (provider == DatabaseProvider.SqlServer)
        {
            var name = "ft_" + Guid.NewGuid().ToString("N")[..16];
            await SqlServerAdmin.ExecuteAsync($"CREATE DATABASE [{name}]");
            db = new TestDatabase(DatabaseProvider.SqlServer, SqlServerAdmin.ConnectionString(name), null, name);
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            var name = "ft_" + Guid.NewGuid().ToString("N")[..16];
            await PostgresAdmin.CreateDatabaseAsync(name);
            db = new TestDatabase(DatabaseProvider.Postgres, PostgresAdmin.ConnectionString(name), null, name);
        }
        else
        {
            var cs = $"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared";
            var keepAlive = new SqliteConnection(cs);
            await keepAlive.OpenAsync();
            db = new TestDatabase(DatabaseProvider.Sqlite, cs, keepAlive, null);
        }
        await using var ctx = db.NewContext();
        if (!migrate) return db;
        await ctx.Database.MigrateAsync();
        if (seed) await CatalogueSeeder.SeedAsync(ctx, catalogue ?? ShippedCatalogue.ReleaseSeed);
        return db;
    }

    public FastTrackDbContext NewContext() => DatabaseSetup.CreateContext(Provider, ConnectionString);

    /// <summary>The app's core services over this database, acting as <paramref name="user"/>.</summary>
    public ServiceProvider Services(ICurrentUser user, TimeProvider? clock = null, ILoggerProvider? logs = null,
        Action<IServiceCollection>? configure = null) => ServicesOn(Provider, ConnectionString, user, clock, logs, configure);

    /// <summary>The app's core services over any engine and connection string (the SQL Server offline checks use it).</summary>
    public static ServiceProvider ServicesOn(DatabaseProvider provider, string connectionString, ICurrentUser user,
        TimeProvider? clock = null, ILoggerProvider? logs = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddFastTrackDatabase(provider, connectionString);
        services.AddFastTrackCore();
        if (clock is not null) services.AddSingleton(clock);
        services.AddSingleton(user);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FastTrackDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Sends one request in its own scope, as one HTTP request would.</summary>
    public async Task<T> Send<T>(IRequest<T> request, ICurrentUser user, TimeProvider? clock = null)
    {
        await using var sp = Services(user, clock);
        await using var scope = sp.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Sends a request whose type is known only at run time (the authorization matrix).</summary>
    public async Task<object?> SendObject(object request, ICurrentUser user, TimeProvider? clock = null)
    {
        await using var sp = Services(user, clock);
        await using var scope = sp.CreateAsyncScope();
        var response = request.GetType().GetInterfaces()
            .Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0];
        var send = typeof(IMediator).GetMethods().Single(m => m.Name == nameof(IMediator.Send) && m.IsGenericMethodDefinition).MakeGenericMethod(response);
        var task = (Task)send.Invoke(scope.ServiceProvider.GetRequiredService<IMediator>(), [request, CancellationToken.None])!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
        if (_serverDatabase is not null && Provider == DatabaseProvider.SqlServer)
        {
            Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
            await SqlServerAdmin.ExecuteAsync($"ALTER DATABASE [{_serverDatabase}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_serverDatabase}]");
        }
        else if (_serverDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresAdmin.DropDatabaseAsync(_serverDatabase);
        }
    }
}

/// <summary>Creates and drops throw-away databases on a live test SQL Server (FASTTRACK_TEST_SQLSERVER).</summary>
public static class SqlServerAdmin
{
    public static string ConnectionString(string database) =>
        new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(TestDatabase.SqlServerServer) { InitialCatalog = database }.ToString();

    public static async Task ExecuteAsync(string sql)
    {
        await using var conn = new Microsoft.Data.SqlClient.SqlConnection(ConnectionString("master"));
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // the test's own database names
        cmd.CommandText = sql;
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Creates and drops throw-away databases on the test PostgreSQL server.</summary>
public static class PostgresAdmin
{
    public static string ConnectionString(string database) =>
        new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = database }.ToString();

    public static async Task CreateDatabaseAsync(string name)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"CREATE DATABASE \"{name}\"";
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using var conn = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>A signed-in (or anonymous) caller for handler tests.</summary>
public sealed record TestUser(string? Id, string Name, params string[] Roles) : ICurrentUser
{
    public static readonly TestUser Anonymous = new(null, "anonymous");
    public static readonly TestUser Admin = new("admin-1", "admin@example.com", global::FastTrack.Domain.Catalogue.Roles.Admin);
    public static readonly TestUser Manager = new("fm-1", "fm@example.com", global::FastTrack.Domain.Catalogue.Roles.FastTrackManager);
    public static readonly TestUser Partner = new("partner-1", "partner@example.com", global::FastTrack.Domain.Catalogue.Roles.Partner);

    public bool IsAuthenticated => Id is not null;
    public bool IsInRole(string role) => Roles.Contains(role);
    public int? PartnerOrganisationId { get; init; }
}
