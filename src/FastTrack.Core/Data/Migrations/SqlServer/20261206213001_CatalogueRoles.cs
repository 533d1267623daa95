using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CatalogueRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CatalogueRoles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    NameJa = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    NameZh = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Order = table.Column<int>(type: "int", nullable: false),
                    Retired = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CatalogueRoles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueRoles_Key",
                table: "CatalogueRoles",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CatalogueRoles_NameEn",
                table: "CatalogueRoles",
                column: "NameEn",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CatalogueRoles");
        }
    }
}
