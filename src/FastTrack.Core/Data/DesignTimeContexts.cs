using Microsoft.EntityFrameworkCore.Design;

namespace FastTrack.Data;

// dotnet ef (eng/add-migration.sh) builds each engine's context through these; it never connects for `migrations add`
// or `migrations script`, so the connection strings only name the engine.

internal sealed class SqliteDesignTimeContext : IDesignTimeDbContextFactory<SqliteFastTrackDbContext>
{
    public SqliteFastTrackDbContext CreateDbContext(string[] args) =>
        (SqliteFastTrackDbContext)DatabaseSetup.CreateContext(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

internal sealed class PostgresDesignTimeContext : IDesignTimeDbContextFactory<PostgresFastTrackDbContext>
{
    public PostgresFastTrackDbContext CreateDbContext(string[] args) =>
        (PostgresFastTrackDbContext)DatabaseSetup.CreateContext(DatabaseProvider.Postgres, "Host=localhost;Database=design_time");
}

internal sealed class SqlServerDesignTimeContext : IDesignTimeDbContextFactory<SqlServerFastTrackDbContext>
{
    public SqlServerFastTrackDbContext CreateDbContext(string[] args) =>
        (SqlServerFastTrackDbContext)DatabaseSetup.CreateContext(DatabaseProvider.SqlServer, "Server=localhost;Database=DesignTime;Encrypt=True");
}
