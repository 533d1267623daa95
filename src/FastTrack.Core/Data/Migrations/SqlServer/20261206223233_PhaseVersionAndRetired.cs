using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.SqlServer
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Phases",
                type: "int",
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
