using System.Data.Common;
using FastTrack.Data;
using FastTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FastTrack.Tests.Data;

/// <summary>
/// The migrations (the hand-written first ones and those dotnet ef writes since) must build exactly the schema the model describes: the database that
/// Migrate() builds is compared, table by table, column by column, index by index, with the one
/// EnsureCreated() builds straight from the model.
/// </summary>
public class MigratedSchemaTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_model()
    {
        await using var migrated = await TestDatabase.CreateAsync(seed: false);
        await using var fromModel = await CreateFromModel(migrated.Provider);

        var expected = await Describe(fromModel);
        var actual = await Describe(migrated);

        Assert.NotEmpty(expected);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).Where(l => !l.Contains("__EFMigrations")).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"Schema differs from the model.\nMissing from migrations:\n  {string.Join("\n  ", missing)}\nOnly in migrations:\n  {string.Join("\n  ", extra)}");
    }

    [Fact]
    public async Task Migrations_leave_nothing_pending()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false);
        await using var ctx = db.NewContext();
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await ctx.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_database_of_the_release_before_dotnet_ef_upgrades_to_the_model()
    {
        await using var db = await TestDatabase.CreateAsync(seed: false, migrate: false);
        await using (var ctx = db.NewContext())
        {
            var all = ctx.Database.GetMigrations().ToList();
            var baseline = all.FindIndex(m => m.EndsWith("_DotnetEfBaseline", StringComparison.Ordinal));
            if (baseline < 0)
            {
                Assert.Equal(DatabaseProvider.SqlServer, db.Provider); // SQL Server started with dotnet ef
                return;
            }
            // The previous release: the hand-written migrations only, and a phase of its catalogue (written in SQL: today's
            // seeder writes today's columns, which that schema does not have yet).
            await ctx.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(all[baseline - 1]);
            await ctx.Database.ExecuteSqlRawAsync("INSERT INTO \"Phases\" (\"NameEn\", \"Order\") VALUES ('Initiate', 1)");
        }
        await using (var ctx = db.NewContext())
        {
            var pending = (await ctx.Database.GetPendingMigrationsAsync()).ToList();
            Assert.Contains(pending, m => m.EndsWith("_DotnetEfBaseline", StringComparison.Ordinal));
            await ctx.Database.MigrateAsync();
            Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
            Assert.True(await ctx.Phases.AnyAsync(p => p.NameEn == "Initiate"), "the upgrade kept the data");
        }
        await using var fromModel = await CreateFromModel(db.Provider);
        var expected = await Describe(fromModel);
        var actual = await Describe(db);
        var differences = expected.Except(actual).Concat(actual.Except(expected))
            .Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal)).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static async Task<TestDatabase> CreateFromModel(DatabaseProvider provider)
    {
        var db = await TestDatabase.CreateAsync(seed: false, provider: provider, migrate: false);
        await using var ctx = db.NewContext();
        Assert.True(await ctx.Database.EnsureCreatedAsync());
        return db;
    }

    /// <summary>One line per column, index and foreign key, normalised so the two databases compare.</summary>
    private static async Task<List<string>> Describe(TestDatabase db)
    {
        await using var ctx = db.NewContext();
        var conn = ctx.Database.GetDbConnection();
        await conn.OpenAsync();
        var lines = new List<string>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var tables = await Rows(conn, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name");
            foreach (var t in tables.Select(r => r[0]))
            {
                foreach (var c in await Rows(conn, $"PRAGMA table_info(\"{t}\")"))
                    lines.Add($"column {t}.{c[1]} {c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
                foreach (var i in await Rows(conn, $"PRAGMA index_list(\"{t}\")"))
                {
                    var cols = (await Rows(conn, $"PRAGMA index_info(\"{i[1]}\")")).Select(r => r[2]);
                    lines.Add($"index {t}.{i[1]} unique={i[2]} ({string.Join(",", cols)})");
                }
                foreach (var f in await Rows(conn, $"PRAGMA foreign_key_list(\"{t}\")"))
                    lines.Add($"fk {t}.{f[3]} -> {f[2]}.{f[4]} on delete {f[6]}");
            }
        }
        else if (db.Provider == DatabaseProvider.SqlServer)
        {
            // Only with a live server (eng/test.sh --sqlserver); without one SqlServerOfflineTests check the engine.
            foreach (var c in await Rows(conn, """
                SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.IS_NULLABLE, c.COLUMN_DEFAULT,
                       COLUMNPROPERTY(OBJECT_ID(c.TABLE_SCHEMA + '.' + c.TABLE_NAME), c.COLUMN_NAME, 'IsIdentity')
                FROM INFORMATION_SCHEMA.COLUMNS c WHERE c.TABLE_NAME <> '__EFMigrationsHistory'
                """))
                lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}");
            foreach (var i in await Rows(conn, """
                SELECT t.name, i.name, i.is_unique, i.filter_definition,
                       STRING_AGG(CONCAT(col.name, CASE WHEN ic.is_included_column = 1 THEN '+' ELSE '' END), ',') WITHIN GROUP (ORDER BY ic.key_ordinal, col.name)
                FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
                JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
                WHERE t.name <> '__EFMigrationsHistory' GROUP BY t.name, i.name, i.is_unique, i.filter_definition
                """))
                lines.Add($"index {i[0]}.{i[1]} unique={i[2]} filter={i[3]} ({i[4]})");
            foreach (var f in await Rows(conn, """
                SELECT OBJECT_NAME(f.parent_object_id), f.name, OBJECT_NAME(f.referenced_object_id), f.delete_referential_action_desc
                FROM sys.foreign_keys f
                """))
                lines.Add($"fk {f[0]}.{f[1]} -> {f[2]} on delete {f[3]}");
        }
        else
        {
            foreach (var c in await Rows(conn, """
                SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
                """))
                lines.Add($"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}");
            foreach (var i in await Rows(conn, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'"))
                lines.Add($"index {i[0]}.{i[1]} {i[2]}");
            foreach (var f in await Rows(conn, """
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
                """))
                lines.Add($"constraint {f[0]}.{f[1]} {f[2]}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<List<string[]>> Rows(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());
        return rows;
    }
}
