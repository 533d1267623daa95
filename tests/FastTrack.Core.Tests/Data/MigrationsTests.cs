using FastTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Tests.Data;

/// <summary>
/// Every engine's migrations and model snapshot (written by dotnet ef, eng/add-migration.sh) describe today's model. A
/// model change without its migrations fails here on each engine, without a server: the check compares the model with
/// the snapshot.
/// </summary>
public class MigrationsTests
{
    public static TheoryData<DatabaseProvider> Engines => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_model_change_has_its_migration(DatabaseProvider engine)
    {
        using var ctx = DatabaseSetup.CreateContext(engine, OfflineConnectionString(engine));
        Assert.False(ctx.Database.HasPendingModelChanges(),
            $"The model has changes that no {engine} migration holds: run eng/add-migration.sh <Name>.");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_engine_has_its_own_migrations(DatabaseProvider engine)
    {
        using var ctx = DatabaseSetup.CreateContext(engine, OfflineConnectionString(engine));
        var migrations = ctx.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        var assembly = typeof(FastTrackDbContext).Assembly;
        var types = assembly.GetTypes().Where(t => t.Namespace == $"FastTrack.Data.Migrations.{engine}").ToList();
        Assert.Contains(types, t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot)));
        Assert.Equal(migrations.Count, types.Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))));
    }

    /// <summary>A connection string that names the engine; nothing here opens it.</summary>
    internal static string OfflineConnectionString(DatabaseProvider engine) => engine switch
    {
        DatabaseProvider.Postgres => "Host=offline.invalid;Database=fasttrack",
        DatabaseProvider.SqlServer => "Server=offline.invalid;Database=FastTrack;Encrypt=True",
        _ => "Data Source=:memory:",
    };
}
