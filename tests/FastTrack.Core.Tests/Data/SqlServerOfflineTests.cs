using System.Reflection;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Xunit.Abstractions;

namespace FastTrack.Tests.Data;

/// <summary>
/// SQL Server cannot run on these machines, so its engine is checked as far as it can be without one: the migration
/// script and every statement the use cases send on the SQL Server provider parse with Microsoft's own T-SQL parser for
/// SQL Server 2019 (TSql150Parser), and the model keeps within SQL Server's limits. A live server is used when
/// FASTTRACK_TEST_SQLSERVER is set (eng/test.sh --sqlserver): then the database tests themselves run on it.
/// </summary>
public class SqlServerOfflineTests(ITestOutputHelper output)
{
    private const string Offline = "Server=offline.invalid;Database=FastTrack;Encrypt=True";

    [Fact]
    public void The_idempotent_migration_script_parses_as_SQL_Server_2019()
    {
        using var ctx = DatabaseSetup.CreateContext(DatabaseProvider.SqlServer, Offline);
        var script = ctx.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var (statements, errors) = Parse(script);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("CREATE TABLE [Engagements]", script, StringComparison.Ordinal);
        output.WriteLine($"figure: SQL Server migration script: {script.Length:N0} characters, {statements} statements, 0 parse errors");
    }

    [Fact]
    public async Task Every_statement_the_use_cases_send_parses_as_SQL_Server_2019()
    {
        var offline = new OfflineSqlServer();
        var requests = RequestTypes().ToList();
        ICurrentUser[] callers = [TestUser.Admin, TestUser.Manager, TestUser.Partner with { PartnerOrganisationId = 1 }];

        // Each use case, as each kind of caller, once answered with no rows and once with one row (to get past its first read).
        foreach (var oneRow in new[] { false, true })
        {
            offline.OneRow = oneRow;
            foreach (var caller in callers)
            {
                await using var sp = TestDatabase.ServicesOn(DatabaseProvider.SqlServer, Offline, caller,
                    configure: s => s.AddSingleton<IInterceptor>(offline));
                foreach (var type in requests)
                    await TryAsync(sp, type, Samples.Create(type));
                await using var scope = sp.CreateAsyncScope();
                await Quietly(() => CatalogueSeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<FastTrackDbContext>()));
            }
        }

        var failures = new List<string>();
        foreach (var sql in offline.Statements.Keys)
        {
            var (_, errors) = Parse(sql);
            if (errors.Count > 0) failures.Add($"{string.Join("; ", errors)}\n    {sql}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The engine-specific reads: the list's aggregated service names and the union reads of the engagement page and filters.
        Assert.Contains(offline.Statements.Keys, sql => sql.Contains("STRING_AGG", StringComparison.Ordinal));
        Assert.True(offline.Statements.Keys.Count(sql => sql.Contains("UNION ALL", StringComparison.Ordinal)) >= 2, "the union reads were not reached");
        // A floor, not a count to match: far fewer means the use cases stopped reaching the provider.
        Assert.True(offline.Statements.Count >= 60, $"only {offline.Statements.Count} statements were captured");
        output.WriteLine($"figure: SQL Server: {offline.Statements.Count} distinct statements from {requests.Count} use cases parsed, 0 errors");
    }

    [Fact]
    public void The_model_keeps_within_SQL_Server_limits()
    {
        using var ctx = DatabaseSetup.CreateContext(DatabaseProvider.SqlServer, Offline);
        var model = ctx.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var problems = new List<string>();
        var wide = new List<string>();
        foreach (var table in model.Tables)
        {
            var keys = table.Indexes.Select(i => (i.Name, i.Columns, PrimaryKey: false))
                .Concat(table.UniqueConstraints.Select(u => (u.Name, u.Columns, PrimaryKey: u.GetIsPrimaryKey())));
            foreach (var (name, columns, primaryKey) in keys)
            {
                var bytes = 0;
                foreach (var column in columns)
                {
                    var type = column.StoreType.ToLowerInvariant();
                    if (type.Contains("(max)", StringComparison.Ordinal)) problems.Add($"{table.Name}.{name}: {column.Name} is {type}, which no index key may be");
                    bytes += KeyBytes(type);
                }
                // Over 900 bytes (a clustered key) or 1,700 (others) SQL Server creates the index with a warning and refuses
                // only a row whose values exceed it: ASP.NET Core Identity's own keys are such (450-character columns
                // holding GUIDs and provider names). Reported, not refused.
                var limit = primaryKey ? 900 : 1700;
                if (bytes > limit) wide.Add($"{table.Name}.{name} ({bytes} bytes)");
            }
        }
        problems.AddRange(MultipleCascadePaths(model));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        output.WriteLine($"figure: SQL Server model: {model.Tables.Count()} tables, no (max) column in a key, no second cascade path");
        output.WriteLine($"SQL Server keys that may exceed SQL Server's key size only with longer values than the app stores: {string.Join(", ", wide)}");
    }

    /// <summary>SQL Server refuses a foreign key that would reach a table by a second chain of cascading deletes.</summary>
    private static IEnumerable<string> MultipleCascadePaths(IRelationalModel model)
    {
        var cascades = model.Tables.SelectMany(t => t.ForeignKeyConstraints)
            .Where(f => f.OnDeleteAction == ReferentialAction.Cascade).ToList();
        foreach (var start in model.Tables)
        {
            var reached = new Dictionary<string, int>();
            var queue = new Queue<string>([start.Name]);
            var steps = 0;
            while (queue.Count > 0 && steps++ < 10_000)
            {
                var from = queue.Dequeue();
                foreach (var fk in cascades.Where(f => f.PrincipalTable.Name == from))
                {
                    reached[fk.Table.Name] = reached.GetValueOrDefault(fk.Table.Name) + 1;
                    queue.Enqueue(fk.Table.Name);
                }
            }
            foreach (var (table, paths) in reached.Where(r => r.Value > 1))
                yield return $"{table} is reached from {start.Name} by {paths} cascading paths";
        }
    }

    private static int KeyBytes(string type)
    {
        var open = type.IndexOf('(');
        var length = open > 0 && int.TryParse(type[(open + 1)..type.IndexOf(')')].Split(',')[0], out var n) ? n : 0;
        return type switch
        {
            _ when type.StartsWith("nvarchar", StringComparison.Ordinal) || type.StartsWith("nchar", StringComparison.Ordinal) => 2 * length,
            _ when type.StartsWith("varchar", StringComparison.Ordinal) || type.StartsWith("varbinary", StringComparison.Ordinal) => length,
            "bigint" or "datetime2" or "datetime" or "float" => 8,
            "uniqueidentifier" or "datetimeoffset" => 16,
            "date" => 3,
            "bit" => 1,
            _ => 4,
        };
    }

    private static (int Statements, List<string> Errors) Parse(string sql)
    {
        var fragment = new TSql150Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        var statements = fragment is TSqlScript script ? script.Batches.Sum(b => b.Statements.Count) : 0;
        return (statements, errors.Select(e => $"line {e.Line}: {e.Message}").ToList());
    }

    /// <summary>Every MediatR request of the app's use cases.</summary>
    private static IEnumerable<Type> RequestTypes() => typeof(FastTrackDbContext).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && ResponseOf(t) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static Type? ResponseOf(Type request) => request.GetInterfaces()
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))?.GetGenericArguments()[0];

    /// <summary>The request through its handler alone (past validation and access rules) and through the whole pipeline.</summary>
    private static async Task TryAsync(ServiceProvider sp, Type type, object? request)
    {
        if (request is null) return;
        var response = ResponseOf(type)!;
        await using (var scope = sp.CreateAsyncScope())
        {
            await Quietly(() =>
            {
                var handler = scope.ServiceProvider.GetService(typeof(IRequestHandler<,>).MakeGenericType(type, response));
                var handle = handler?.GetType().GetMethod("Handle", [type, typeof(CancellationToken)]);
                return handle is null ? Task.CompletedTask : (Task)handle.Invoke(handler, [request, CancellationToken.None])!;
            });
        }
        await using (var scope = sp.CreateAsyncScope())
        {
            var send = typeof(IMediator).GetMethods().Single(m => m.Name == nameof(IMediator.Send) && m.IsGenericMethodDefinition).MakeGenericMethod(response);
            await Quietly(() => (Task)send.Invoke(scope.ServiceProvider.GetRequiredService<IMediator>(), [request, CancellationToken.None])!);
        }
    }

    /// <summary>Runs a use case for the statements it sends; what it answers (mostly "not found", with no data) is not the point.</summary>
    private static async Task Quietly(Func<Task> run)
    {
        try
        {
            await Task.Run(run).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Expected: the offline engine has no data.
        }
    }

    /// <summary>A plausible instance of a request: each constructor parameter and settable property gets a small value.</summary>
    private static class Samples
    {
        public static object? Create(Type type, int depth = 0)
        {
            if (depth > 4) return null;
            var nullable = Nullable.GetUnderlyingType(type);
            if (nullable is not null) return Create(nullable, depth);
            if (type == typeof(string)) return "1";
            if (type == typeof(bool)) return true;
            if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double))
                return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
            if (type == typeof(DateOnly)) return new DateOnly(2026, 12, 1);
            if (type == typeof(DateTime)) return new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
            if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
            if (type == typeof(Guid)) return Guid.Empty;
            if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length > 1 ? 1 : 0);
            if (type == typeof(byte[])) return "FtopId,NameEn\n994,Conduct Kickoff\n"u8.ToArray();
            if (typeof(Stream).IsAssignableFrom(type)) return new MemoryStream("FtopId,NameEn\n994,Conduct Kickoff\n"u8.ToArray());
            if (type == typeof(CancellationToken)) return CancellationToken.None;
            var element = type.IsArray ? type.GetElementType()
                : type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
                    ? type.GetGenericArguments()[0] : null;
            if (element is not null)
            {
                var array = Array.CreateInstance(element, 1);
                array.SetValue(Create(element, depth + 1), 0);
                if (type.IsAssignableFrom(array.GetType())) return array;
                var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
                list.Add(array.GetValue(0));
                return type.IsAssignableFrom(list.GetType()) ? list : null;
            }
            if (type.IsInterface || type.IsAbstract || type.IsPrimitive) return null;
            var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            if (ctor is null) return type.IsValueType ? Activator.CreateInstance(type) : null;
            object? instance;
            try
            {
                instance = ctor.Invoke(ctor.GetParameters().Select(p => Create(p.ParameterType, depth + 1)).ToArray());
            }
            catch (TargetInvocationException)
            {
                return null;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
            {
                if (property.GetValue(instance) is not null && property.PropertyType != typeof(string)) continue;
                var value = Create(property.PropertyType, depth + 1);
                if (value is not null) property.SetValue(instance, value);
            }
            return instance;
        }
    }
}
