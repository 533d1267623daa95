using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace FastTrack.Features.Catalogue;

/// <summary>One row of the catalogue file: <c>id,phase,process,section,required,role,services,name_en,name_ja,name_zh</c>.</summary>
public sealed record CatalogueRow(int Line, string Id, string Phase, string Process, string Section, string Required,
    string Role, string Services, string NameEn, string NameJa, string NameZh);

/// <summary>
/// A problem with one line of a catalogue file (line 0: the file as a whole). <see cref="Template"/> is English
/// with {0}-style placeholders so the web layer can translate it (Resources/Messages/ImportMessages).
/// </summary>
public sealed record CsvProblem(int Line, string Template, params object[] Args)
{
    public string Message => Args.Length == 0 ? Template : string.Format(CultureInfo.InvariantCulture, Template, Args);
}

/// <summary>
/// Reads and writes the catalogue CSV format of docs/catalogue-format.md (UTF-8, RFC 4180). Cells that a spreadsheet
/// would take for a formula are written with a leading apostrophe and read back without it (<see cref="SafeCell"/>).
/// </summary>
public static class CatalogueCsv
{
    public static readonly string[] Header = ["id", "phase", "process", "section", "required", "role", "services", "name_en", "name_ja", "name_zh"];
    public const int MaxRows = 10_000;
    /// <summary>2 MB: the file travels from preview to apply in a form field as base64, which must stay under ASP.NET Core's 4 MB value limit.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the bytes of a file; problems are reported per line and nothing is thrown for bad input.</summary>
    public static (List<CatalogueRow> Rows, List<CsvProblem> Problems) Parse(byte[] bytes)
    {
        var rows = new List<CatalogueRow>();
        var problems = new List<CsvProblem>();
        if (bytes.Length == 0)
        {
            problems.Add(new CsvProblem(1, "The file is empty."));
            return (rows, problems);
        }
        if (bytes.Length > MaxBytes)
        {
            problems.Add(new CsvProblem(0, "The file is larger than {0} MB; split it into smaller files.", MaxBytes / 1024 / 1024));
            return (rows, problems);
        }
        if (Decode(bytes) is not string text)
        {
            problems.Add(new CsvProblem(1, "The file is not UTF-8 text (unknown encoding). Save it as \"CSV UTF-8\" and upload it again."));
            return (rows, problems);
        }

        var badLines = new SortedSet<int>();
        var lines = new LineCounter(text);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            BadDataFound = a => badLines.Add(lines.LineAt((int)a.Context.Parser!.CharCount - a.RawRecord.Length)),
        };
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, config);
        var first = true;
        while (csv.Read())
        {
            var line = lines.LineAt((int)csv.CharCount - csv.RawRecord.Length);
            var fields = csv.Record ?? []; // fields are parsed lazily: reading them is what reports bad quoting
            if (badLines.Contains(line))
            {
                problems.Add(new CsvProblem(line, "Malformed quoting: a quote (\") is not closed, or text follows a closing quote. Put the whole field in quotes and double every quote inside it (\"\")."));
                if (first) return (rows, problems);
                continue;
            }
            if (first)
            {
                first = false;
                var header = fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
                if (!header.SequenceEqual(Header))
                {
                    problems.Add(new CsvProblem(line, "The first line must be exactly this header: {0}", string.Join(',', Header)));
                    return (rows, problems);
                }
                continue;
            }
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (rows.Count >= MaxRows)
            {
                problems.Add(new CsvProblem(line, "The file has more than {0:N0} tasks; split it into smaller files.", MaxRows));
                rows.Clear();
                return (rows, problems);
            }
            if (fields.Length != Header.Length)
            {
                problems.Add(new CsvProblem(line, "Expected {0} fields but found {1}.", Header.Length, fields.Length));
                continue;
            }
            string Cell(int i) => SafeCell.Read(fields[i].Trim());
            rows.Add(new CatalogueRow(line, Cell(0), Cell(1), Cell(2), Cell(3), Cell(4), Cell(5), Cell(6), Cell(7), Cell(8), Cell(9)));
        }
        if (first) problems.Add(new CsvProblem(1, "The file is empty."));
        return (rows, problems);
    }

    /// <summary>Strict UTF-8 (with or without BOM). UTF-16, Shift-JIS, Latin-1 … give null rather than mojibake.</summary>
    private static string? Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)) return null;
        // UTF-16 without a BOM is valid UTF-8 byte for byte, but full of NULs, which no text file has.
        if (Array.IndexOf(bytes, (byte)0) >= 0) return null;
        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Writes the file: header, then one line per row, RFC 4180 quoting, "\n" line ends (no BOM: callers add one if they want it).</summary>
    public static string Write(IEnumerable<CatalogueRow> rows)
    {
        var sb = new StringBuilder();
        using (var writer = new StringWriter(sb))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            foreach (var h in Header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                foreach (var f in new[] { r.Id, r.Phase, r.Process, r.Section, r.Required, r.Role, r.Services, r.NameEn, r.NameJa, r.NameZh })
                {
                    if (SafeCell.LooksLikeFormula(f)) csv.WriteField(SafeCell.Write(f), shouldQuote: true);
                    else csv.WriteField(f);
                }
                csv.NextRecord();
            }
        }
        return sb.ToString();
    }

    /// <summary>Line number (1-based) of a character position; positions are asked for in increasing order, so it counts once.</summary>
    private sealed class LineCounter(string text)
    {
        private int _position;
        private int _line = 1;

        public int LineAt(int position)
        {
            position = Math.Clamp(position, 0, text.Length);
            if (position < _position) { _position = 0; _line = 1; }
            for (; _position < position; _position++)
                if (text[_position] == '\n') _line++;
            return _line;
        }
    }
}

/// <summary>
/// CSV injection (OWASP): a cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is run as
/// a formula by Excel, LibreOffice and Google Sheets (<c>=HYPERLINK(…)</c>, <c>+cmd|' /C calc'!A0</c>). Every CSV the app
/// writes passes its cells through <see cref="Write"/>, which puts an apostrophe before such a cell, and the field is
/// quoted; the spreadsheet then shows it as text. So that the round trip is lossless, a cell that already starts with
/// apostrophes followed by one of those characters gets one more, and <see cref="Read"/> (import) takes exactly one away
/// from any cell written so. Any other cell is written and read as it is.
/// </summary>
public static class SafeCell
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Would a spreadsheet run it, once leading apostrophes are taken away?</summary>
    public static bool LooksLikeFormula(string? cell)
    {
        if (string.IsNullOrEmpty(cell)) return false;
        var i = 0;
        while (i < cell.Length && cell[i] == '\'') i++;
        return i < cell.Length && Array.IndexOf(Triggers, cell[i]) >= 0;
    }

    public static string Write(string? cell) => cell is null ? "" : LooksLikeFormula(cell) ? "'" + cell : cell;

    public static string Read(string cell) => cell.Length > 1 && cell[0] == '\'' && LooksLikeFormula(cell[1..]) ? cell[1..] : cell;
}
