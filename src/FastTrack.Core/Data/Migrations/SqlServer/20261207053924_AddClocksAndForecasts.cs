using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FastTrack.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddClocksAndForecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ForecastGoalOn",
                table: "EngagementServices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ForecastTrend",
                table: "EngagementServices",
                type: "decimal(9,1)",
                precision: 9,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastNoteOn",
                table: "EngagementServices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TargetOn",
                table: "EngagementServices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetReason",
                table: "EngagementServices",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WorkloadSetOn",
                table: "EngagementServices",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastCustomerContactOn",
                table: "Engagements",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StepEnteredOn",
                table: "Engagements",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ForecastGoalOn",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "ForecastTrend",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "LastNoteOn",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "TargetOn",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "TargetReason",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "WorkloadSetOn",
                table: "EngagementServices");

            migrationBuilder.DropColumn(
                name: "LastCustomerContactOn",
                table: "Engagements");

            migrationBuilder.DropColumn(
                name: "StepEnteredOn",
                table: "Engagements");
        }
    }
}
