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
/// PostgreSQL database on that server), migrated and seeded exactly as the app does at start-up.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseProvider provider, string connectionString, SqliteConnection? keepAlive, string? postgresDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL server of the run (eng/test.sh starts one), or null for SQLite only.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("FASTTRACK_TEST_POSTGRES");

    public static async Task<TestDatabase> CreateAsync(bool seed = true, DatabaseProvider? provider = null, bool migrate = true)
    {
        provider ??= PostgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        TestDatabase db;
        if (provider == DatabaseProvider.Postgres)
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
        if (seed) await CatalogueSeeder.SeedAsync(ctx);
        return db;
    }

    public FastTrackDbContext NewContext() => DatabaseSetup.CreateContext(Provider, ConnectionString);

    /// <summary>The app's core services over this database, acting as <paramref name="user"/>.</summary>
    public ServiceProvider Services(ICurrentUser user, TimeProvider? clock = null, ILoggerProvider? logs = null,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddFastTrackDatabase(Provider, ConnectionString);
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
        if (_postgresDatabase is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresAdmin.DropDatabaseAsync(_postgresDatabase);
        }
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
