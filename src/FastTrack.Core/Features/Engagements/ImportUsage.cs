using System.Globalization;
using System.Text.Json;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using FastTrack.Domain.Engagements;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Engagements;

/// <summary>
/// The usage figures of many engagements at once (a partner's monthly usage export), as CSV (header
/// <c>EngagementId,Service,Date,ActiveUsers</c>) or JSON (an array of objects with those names). Each row is the same
/// change as <see cref="RecordUsage"/>, checked by the same domain rules and audited the same way; a Partner changes
/// only engagements they are assigned to. All or nothing: a row that cannot be read or is refused is reported by its
/// line (CSV: the line of the file; JSON: the position in the array, from 1), and no row of the file is written.
/// A dry run reports per row what would change and writes nothing.
/// </summary>
public static class ImportUsage
{
    public const int MaxRows = 50_000;

    public enum FileFormat { Csv, Json }

    [AllowedRoles(Roles.Admin, Roles.FastTrackManager, Roles.Partner)]
    public sealed record Command : IRequest<Result>
    {
        public string Content { get; init; } = "";
        public FileFormat Format { get; init; }
        public bool DryRun { get; init; }

        public override string ToString() => $"ImportUsage.Command {{ Format = {Format}, DryRun = {DryRun}, Length = {Content.Length} }}";
    }

    /// <param name="Before">The latest figure of that service before this file (null: none yet).</param>
    /// <param name="Error">Why the row is refused, an English template with {0}-style <paramref name="ErrorArgs"/>; null when it is fine.</param>
    public sealed record RowOutcome(int Line, int? EngagementId, string? Service, DateOnly? On, int? ActiveUsers,
        int? Before, DateOnly? BeforeOn, string? Error, IReadOnlyList<object> ErrorArgs)
    {
        public bool Refused => Error is not null;
    }

    /// <param name="Written">The figures were saved (not a dry run, and no row refused).</param>
    public sealed record Result(bool DryRun, bool Written, int Rows, int Refused, IReadOnlyList<RowOutcome> Outcomes);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Content).NotEmpty().WithMessage("The file is empty.");
            RuleFor(c => c.Format).IsInEnum().WithMessage("Send the usage as CSV or JSON.");
        }
    }

    /// <summary>A refused row's message as an English template and its values, so the caller can translate it.</summary>
    public sealed record Message(string Template, IReadOnlyList<object> Args);

    private sealed record Parsed(int Line, int? EngagementId, string? Service, DateOnly? On, int? ActiveUsers, string? Error, object[] Args);

    internal sealed class Handler(FastTrackDbContext db, ICurrentUser user, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ClockSettings> settings) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken ct)
        {
            var rows = request.Format == FileFormat.Csv ? ParseCsv(request.Content) : ParseJson(request.Content);
            if (rows.Count > MaxRows) throw Refusal([new ValidationFailure("Content", string.Format(CultureInfo.InvariantCulture, "A file holds at most {0} rows.", MaxRows)) { CustomState = new Message("A file holds at most {0} rows.", [MaxRows]) }]);
            if (rows.Count == 0) throw Refusal([new ValidationFailure("Content", "The file has no rows.")]);

            var ids = rows.Where(r => r.Error is null).Select(r => r.EngagementId!.Value).Distinct().ToArray();
            // Through the query filters: another organisation's engagement is not found, as on its page.
            var engagements = new Dictionary<int, Engagement>();
            foreach (var chunk in ids.Chunk(500))
                foreach (var e in await db.Engagements.AsTracking().AsSplitQuery()
                             .Include(e => e.Customer).ThenInclude(c => c.Seats).Include(e => e.Services)
                             .Where(e => chunk.Contains(e.Id)).ToListAsync(ct))
                    engagements[e.Id] = e;
            HashSet<int>? assigned = null;
            if (AccessScope.IsPartnerOnly(user))
            {
                assigned = [];
                foreach (var chunk in ids.Chunk(500))
                    assigned.UnionWith(await db.EngagementPartnerAssignments.Where(a => a.UserId == user.Id && chunk.Contains(a.EngagementId))
                        .Select(a => a.EngagementId).ToListAsync(ct));
            }

            var now = clock.GetUtcNow();
            var today = EngagementStore.Today(clock);
            var outcomes = new List<RowOutcome>(rows.Count);
            var changes = new List<(Engagement E, UsageRecord R)>(rows.Count);
            foreach (var r in rows)
            {
                if (r.Error is not null)
                {
                    outcomes.Add(new RowOutcome(r.Line, r.EngagementId, r.Service, r.On, r.ActiveUsers, null, null, r.Error, r.Args));
                    continue;
                }
                if (!engagements.TryGetValue(r.EngagementId!.Value, out var e))
                {
                    outcomes.Add(Refused(r, "Engagement {0} was not found.", r.EngagementId!.Value));
                    continue;
                }
                if (assigned is not null && !assigned.Contains(e.Id))
                {
                    outcomes.Add(Refused(r, "Only the partner staff assigned to this engagement may change it."));
                    continue;
                }
                var svc = e.Services.FirstOrDefault(s => string.Equals(s.Service, r.Service, StringComparison.OrdinalIgnoreCase));
                var (before, beforeOn) = (svc?.LatestActiveUsers, svc?.LatestUsageOn);
                try
                {
                    changes.Add((e, e.RecordUsage(r.Service!, r.On!.Value, r.ActiveUsers!.Value, user.Name, now, today)));
                    outcomes.Add(new RowOutcome(r.Line, r.EngagementId, svc?.Service ?? r.Service, r.On, r.ActiveUsers, before, beforeOn, null, []));
                }
                catch (DomainException d)
                {
                    outcomes.Add(Refused(r, d.Template, [.. d.Args]));
                }
            }

            var refused = outcomes.Count(o => o.Refused);
            if (request.DryRun) return new Result(true, false, rows.Count, refused, outcomes);
            if (refused > 0)
                throw Refusal(outcomes.Where(o => o.Refused).Select(o => new ValidationFailure(LineField(o.Line), o.ErrorArgs.Count == 0
                    ? o.Error! : string.Format(CultureInfo.InvariantCulture, o.Error!, [.. o.ErrorArgs])) { CustomState = new Message(o.Error!, o.ErrorArgs) }));

            foreach (var (e, r) in changes)
                EngagementStore.Audit(db, user, clock, e, "UsageRecorded",
                [
                    new FieldChange("Service", null, r.Service),
                    new FieldChange("Date", null, r.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new FieldChange("Active users", null, $"{r.ActiveUsers} / {r.Seats} ({r.Percent.ToString(CultureInfo.InvariantCulture)}%)"),
                ], "Usage file");
            await EngagementStore.RefreshForecastsAsync(db, [.. changes.Select(c => c.E).Distinct()], settings.Value.ForecastPoints, ct);
            await EngagementStore.SaveAsync(db, ct);
            return new Result(false, true, rows.Count, 0, outcomes);
        }

        private static RowOutcome Refused(Parsed r, string error, params object[] args) =>
            new(r.Line, r.EngagementId, r.Service, r.On, r.ActiveUsers, null, null, error, args);
    }

    /// <summary>The field a refused row's message is reported under: "Line 12".</summary>
    public static string LineField(int line) => string.Create(CultureInfo.InvariantCulture, $"Line {line}");

    private static ValidationException Refusal(IEnumerable<ValidationFailure> failures) => new(failures);

    private static readonly string[] Columns = ["EngagementId", "Service", "Date", "ActiveUsers"];

    private static List<Parsed> ParseCsv(string content)
    {
        var rows = new List<Parsed>();
        var lines = content.Split('\n');
        var header = lines[0].Trim().TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        var index = Columns.Select(c => Array.FindIndex(header, h => h.Equals(c, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (index.Any(i => i < 0))
            throw Refusal([new ValidationFailure(LineField(1), "The first line must name the columns EngagementId, Service, Date and ActiveUsers.")]);
        for (var n = 1; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(',').Select(c => c.Trim().Trim('"').Trim()).ToArray();
            if (cells.Length < header.Length)
            {
                rows.Add(new Parsed(n + 1, null, null, null, null, "The row has {0} values; the header names {1}.", [cells.Length, header.Length]));
                continue;
            }
            rows.Add(Row(n + 1, cells[index[0]], cells[index[1]], cells[index[2]], cells[index[3]]));
        }
        return rows;
    }

    private static List<Parsed> ParseJson(string content)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(content); }
        catch (JsonException x)
        {
            throw Refusal([new ValidationFailure(LineField((int)(x.LineNumber ?? 0) + 1), "The file is not valid JSON.")]);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                throw Refusal([new ValidationFailure("Content", "Send a JSON array of usage rows.")]);
            var rows = new List<Parsed>();
            var n = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                n++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    rows.Add(new Parsed(n, null, null, null, null, "Each row must be an object with engagementId, service, date and activeUsers.", []));
                    continue;
                }
                rows.Add(Row(n, Text(item, "engagementId"), Text(item, "service"), Text(item, "date"), Text(item, "activeUsers")));
            }
            return rows;
        }
    }

    private static string Text(JsonElement item, string name)
    {
        foreach (var p in item.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString() ?? "",
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => "",
                };
        return "";
    }

    private static Parsed Row(int line, string id, string service, string date, string users)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var engagementId))
            return new Parsed(line, null, service, null, null, "The engagement id \"{0}\" is not a number.", [id]);
        if (service.Length == 0) return new Parsed(line, engagementId, null, null, null, "Choose the service.", []);
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            return new Parsed(line, engagementId, service, null, null, "The date \"{0}\" is not a date (yyyy-mm-dd).", [date]);
        if (!int.TryParse(users, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var activeUsers))
            return new Parsed(line, engagementId, service, on, null, "The number of active users \"{0}\" is not a whole number.", [users]);
        return new Parsed(line, engagementId, service, on, activeUsers, null, []);
    }
}
