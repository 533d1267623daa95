// Writes src/FastTrack.Core/Data/Migrations/<Engine>/<id>.cs for SQLite and PostgreSQL from the EF Core model,
// because the EF Core design-time package (dotnet ef) does not restore here. It only writes a migration that
// creates the whole schema; later changes are written by hand and checked by MigratedSchemaTests.
// Usage: dotnet run --project eng/MigrationScaffolder -- 20261122000000_InitialCreate
using System.Globalization;
using System.Text;
using FastTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

var id = args.FirstOrDefault() ?? "20261122000000_InitialCreate";
var root = FindRoot();
foreach (var (provider, folder, cs) in new[]
{
    (DatabaseProvider.Sqlite, "Sqlite", "Data Source=:memory:"),
    (DatabaseProvider.Postgres, "Postgres", "Host=127.0.0.1;Database=none"),
})
{
    using var db = DatabaseSetup.CreateContext(provider, cs);
    var model = db.GetService<IDesignTimeModel>().Model;
    var ops = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model.GetRelationalModel());
    var path = Path.Combine(root, "src/FastTrack.Core/Data/Migrations", folder, id + ".cs");
    File.WriteAllText(path, Generate(ops, folder, db.GetType().Name, id));
    Console.WriteLine($"wrote {path} ({ops.Count} operations)");
}

static string FindRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FastTrack.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("Run inside the repository.");
}

static string Generate(IReadOnlyList<MigrationOperation> ops, string folder, string context, string id)
{
    var name = id[(id.IndexOf('_') + 1)..];
    var up = new StringBuilder();
    var down = new StringBuilder();
    foreach (var op in ops)
    {
        switch (op)
        {
            case EnsureSchemaOperation s:
                up.AppendLine($"        migrationBuilder.EnsureSchema(name: {Lit(s.Name)});");
                break;
            case CreateTableOperation t:
                up.AppendLine("        migrationBuilder.CreateTable(");
                up.AppendLine($"            name: {Lit(t.Name)},");
                up.AppendLine("            columns: table => new");
                up.AppendLine("            {");
                foreach (var c in t.Columns)
                {
                    var args = new List<string> { $"type: {Lit(c.ColumnType)}", $"nullable: {Lit(c.IsNullable)}" };
                    if (c.MaxLength is int max) args.Add($"maxLength: {max}");
                    if (c.DefaultValue is not null) args.Add($"defaultValue: {Lit(c.DefaultValue)}");
                    if (c.DefaultValueSql is not null) args.Add($"defaultValueSql: {Lit(c.DefaultValueSql)}");
                    up.Append($"                {c.Name} = table.Column<{TypeName(c.ClrType)}>({string.Join(", ", args)})");
                    foreach (var a in c.GetAnnotations()) up.Append($"\n                    .Annotation({Lit(a.Name)}, {Lit(a.Value)})");
                    up.AppendLine(",");
                }
                up.AppendLine("            },");
                up.AppendLine("            constraints: table =>");
                up.AppendLine("            {");
                if (t.PrimaryKey is { } pk)
                    up.AppendLine($"                table.PrimaryKey({Lit(pk.Name)}, x => {Cols(pk.Columns)});");
                foreach (var u in t.UniqueConstraints)
                    up.AppendLine($"                table.UniqueConstraint({Lit(u.Name)}, x => {Cols(u.Columns)});");
                foreach (var fk in t.ForeignKeys)
                {
                    up.AppendLine("                table.ForeignKey(");
                    up.AppendLine($"                    name: {Lit(fk.Name)},");
                    up.AppendLine($"                    column{(fk.Columns.Length > 1 ? "s" : "")}: x => {Cols(fk.Columns)},");
                    up.AppendLine($"                    principalTable: {Lit(fk.PrincipalTable)},");
                    up.AppendLine(fk.PrincipalColumns!.Length > 1
                        ? $"                    principalColumns: new[] {{ {string.Join(", ", fk.PrincipalColumns.Select(Lit))} }},"
                        : $"                    principalColumn: {Lit(fk.PrincipalColumns[0])},");
                    up.AppendLine($"                    onDelete: ReferentialAction.{fk.OnDelete});");
                }
                up.AppendLine("            });");
                up.AppendLine();
                down.Insert(0, $"        migrationBuilder.DropTable(name: {Lit(t.Name)});\n");
                break;
            case CreateIndexOperation i:
                up.AppendLine("        migrationBuilder.CreateIndex(");
                up.AppendLine($"            name: {Lit(i.Name)},");
                up.AppendLine($"            table: {Lit(i.Table)},");
                up.Append(i.Columns.Length > 1
                    ? $"            columns: new[] {{ {string.Join(", ", i.Columns.Select(Lit))} }}"
                    : $"            column: {Lit(i.Columns[0])}");
                if (i.IsUnique) up.Append(",\n            unique: true");
                if (i.Filter is not null) up.Append($",\n            filter: {Lit(i.Filter)}");
                up.AppendLine(");");
                up.AppendLine();
                break;
            default:
                throw new NotSupportedException($"The scaffolder cannot write {op.GetType().Name}; write this migration by hand.");
        }
    }

    return $$"""
        // <auto-generated>
        // Written by eng/MigrationScaffolder from the EF Core model; see docs/decisions/0003-migrations-per-provider.md.
        // </auto-generated>
        using Microsoft.EntityFrameworkCore.Infrastructure;
        using Microsoft.EntityFrameworkCore.Migrations;

        #nullable disable

        namespace FastTrack.Data.Migrations.{{folder}};

        [DbContext(typeof({{context}}))]
        [Migration("{{id}}")]
        public partial class {{name}} : Migration
        {
            protected override void Up(MigrationBuilder migrationBuilder)
            {
        {{up.ToString().TrimEnd()}}
            }

            protected override void Down(MigrationBuilder migrationBuilder)
            {
        {{down.ToString().TrimEnd()}}
            }
        }

        """;
}

static string Cols(string[] columns) => columns.Length == 1 ? $"x.{columns[0]}" : $"new {{ {string.Join(", ", columns.Select(c => "x." + c))} }}";

static string TypeName(Type t)
{
    var u = Nullable.GetUnderlyingType(t);
    if (u is not null) return TypeName(u) + "?";
    return t == typeof(int) ? "int" : t == typeof(long) ? "long" : t == typeof(string) ? "string" : t == typeof(bool) ? "bool"
        : t == typeof(decimal) ? "decimal" : t == typeof(double) ? "double" : t == typeof(short) ? "short" : t == typeof(byte[]) ? "byte[]"
        : t.FullName!;
}

static string Lit(object? v) => v switch
{
    null => "null",
    string s => "@\"" + s.Replace("\"", "\"\"") + "\"",
    bool b => b ? "true" : "false",
    int i => i.ToString(CultureInfo.InvariantCulture),
    long l => l.ToString(CultureInfo.InvariantCulture) + "L",
    Enum e => $"{e.GetType().FullName}.{e}",
    _ => throw new NotSupportedException($"Cannot write a literal of {v.GetType()}"),
};
