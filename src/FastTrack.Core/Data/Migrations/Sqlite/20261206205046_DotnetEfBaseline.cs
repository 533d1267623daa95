using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.Sqlite
{
    /// <summary>
    /// The first migration written by dotnet ef on this engine. The hand-written migrations before it (ADR 0003) built
    /// exactly this model (their test compared the migrated schema with the model), so its only product is the model
    /// snapshot beside it, from which later migrations are computed: Up and Down change nothing. An empty database
    /// runs the earlier migrations and then this one; a database of the previous release runs only this one.
    /// </summary>
    public partial class DotnetEfBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
