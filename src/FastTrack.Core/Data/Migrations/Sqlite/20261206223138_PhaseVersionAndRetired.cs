using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PhaseVersionAndRetired : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Retired",
                table: "Phases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Phases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Retired",
                table: "Phases");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Phases");
        }
    }
}
