using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SectionSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SummaryEn",
                table: "Sections",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SummaryJa",
                table: "Sections",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SummaryZh",
                table: "Sections",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SummaryEn",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "SummaryJa",
                table: "Sections");

            migrationBuilder.DropColumn(
                name: "SummaryZh",
                table: "Sections");
        }
    }
}
