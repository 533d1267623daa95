// Written by hand (docs/decisions/0003-migrations-per-provider.md); MigratedSchemaTests prove it matches the model.
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.Postgres;

/// <summary>Revisions for the read caches: a counter per engagement and the shared counters (ADR 0009).</summary>
[DbContext(typeof(PostgresFastTrackDbContext))]
[Migration("20261122140000_ChangeRevisions")]
public partial class ChangeRevisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(
            name: @"Revision",
            table: @"Engagements",
            type: @"bigint",
            nullable: false,
            defaultValue: 0L);

        migrationBuilder.DropIndex(name: @"IX_Engagements_ManagerId_State_CurrentPhaseId", table: @"Engagements");
        migrationBuilder.CreateIndex(
            name: @"IX_Engagements_ManagerId_State_CurrentPhaseId_Revision",
            table: @"Engagements",
            columns: new[] { @"ManagerId", @"State", @"CurrentPhaseId", @"Revision" });

        migrationBuilder.CreateTable(
            name: @"ChangeCounters",
            columns: table => new
            {
                Name = table.Column<string>(type: @"character varying(50)", nullable: false, maxLength: 50),
                Value = table.Column<long>(type: @"bigint", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey(@"PK_ChangeCounters", x => x.Name);
            });

        migrationBuilder.InsertData(
            table: @"ChangeCounters",
            columns: new[] { @"Name", @"Value" },
            columnTypes: new[] { @"character varying(50)", @"bigint" },
            values: new object[,] { { @"Catalogue", 0L }, { @"Directory", 0L }, { @"Engagements", 0L } });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: @"ChangeCounters");
        migrationBuilder.DropIndex(name: @"IX_Engagements_ManagerId_State_CurrentPhaseId_Revision", table: @"Engagements");
        migrationBuilder.CreateIndex(
            name: @"IX_Engagements_ManagerId_State_CurrentPhaseId",
            table: @"Engagements",
            columns: new[] { @"ManagerId", @"State", @"CurrentPhaseId" });
        migrationBuilder.DropColumn(name: @"Revision", table: @"Engagements");
    }
}
