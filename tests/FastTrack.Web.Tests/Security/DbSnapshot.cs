using System.Data.Common;
using System.Globalization;
using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace FastTrack.Web.Tests.Security;

/// <summary>
/// Every row of every table of the model (raw SQL: no query filter hides a row), keyed by its primary key, so that two
/// snapshots tell exactly which cells a request changed. Works on SQLite and PostgreSQL alike.
/// </summary>
internal sealed class DbSnapshot
{
    /// <summary>Tables that change without anyone's request: the mail worker's leases.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "Leases" };

    public Dictionary<string, (string[] Columns, Dictionary<string, string?[]> Rows)> Tables { get; } = [];

    public static async Task<DbSnapshot> TakeAsync(AppFactory app)
    {
        var snapshot = new DbSnapshot();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FastTrackDbContext>();
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.GetTableName() is not null && t.GetViewName() is null && t.FindOwnership() is null)
            .Select(t => (Table: t.GetTableName()!, Key: t.FindPrimaryKey()!.Properties
                .Select(p => p.GetColumnName(StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema()))!).ToArray()))
            .Where(t => !Ignored.Contains(t.Table))
            .DistinctBy(t => t.Table).ToList();
        var connection = db.Database.GetDbConnection();
        if (tables.Count == 0) return snapshot;
        await db.Database.OpenConnectionAsync();
        try
        {
            // One command, one round trip: a result set per table.
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(";\n", tables.Select(t => $"SELECT * FROM \"{t.Table}\""));
            await using var reader = await command.ExecuteReaderAsync();
            foreach (var (table, key) in tables)
            {
                snapshot.Tables[table] = await ReadAsync(reader, key);
                await reader.NextResultAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return snapshot;
    }

    private static async Task<(string[], Dictionary<string, string?[]>)> ReadAsync(DbDataReader reader, string[] key)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var keyIndexes = key.Select(k => Array.FindIndex(columns, c => c.Equals(k, StringComparison.OrdinalIgnoreCase))).ToArray();
        var rows = new Dictionary<string, string?[]>();
        while (await reader.ReadAsync())
        {
            var cells = new string?[columns.Length];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), CultureInfo.InvariantCulture);
            rows[string.Join("|", keyIndexes.Select(k => cells[k]))] = cells;
        }
        return (columns, rows);
    }

    /// <summary>One changed cell, or a whole row added or removed (Column null; Before or After null).</summary>
    public sealed record Change(string Table, string Key, string? Column, string? Before, string? After)
    {
        public override string ToString() => Column is null
            ? $"{Table}[{Key}] {(Before is null ? "added" : "removed")}"
            : $"{Table}[{Key}].{Column}: {Before ?? "null"} → {After ?? "null"}";

        /// <summary>The row's cells after the change (an added row) or the changed cell: what a forged value could reach.</summary>
        public IReadOnlyDictionary<string, string?> Cells { get; init; } = new Dictionary<string, string?>();

        /// <summary>The whole row as it is after the change (before, for a removed row): whose row it is.</summary>
        public IReadOnlyDictionary<string, string?> Row { get; init; } = new Dictionary<string, string?>();
    }

    public List<Change> ChangesTo(DbSnapshot after)
    {
        var changes = new List<Change>();
        foreach (var (table, (columns, rows)) in after.Tables)
        {
            var before = Tables.TryGetValue(table, out var b) ? b.Rows : [];
            foreach (var (key, cells) in rows)
            {
                if (!before.TryGetValue(key, out var old))
                {
                    var added = columns.Zip(cells).ToDictionary(p => p.First, p => p.Second);
                    changes.Add(new Change(table, key, null, null, "row") { Cells = added, Row = added });
                    continue;
                }
                var row = columns.Zip(cells).ToDictionary(p => p.First, p => p.Second);
                for (var i = 0; i < cells.Length; i++)
                    if (cells[i] != old[i])
                        changes.Add(new Change(table, key, columns[i], old[i], cells[i]) { Cells = new Dictionary<string, string?> { [columns[i]] = cells[i] }, Row = row });
            }
            foreach (var key in before.Keys.Except(rows.Keys))
                changes.Add(new Change(table, key, null, "row", null) { Row = columns.Zip(before[key]).ToDictionary(p => p.First, p => p.Second) });
        }
        return changes;
    }
}
