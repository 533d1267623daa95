using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace FastTrack.Features.Catalogue;

/// <summary>One row of the catalogue file: <c>id,phase,process,section,required,role,services,name_en,name_ja,name_zh</c>.</summary>
public sealed record CatalogueRow(int Line, string Id, string Phase, string Process, string Section, string Required,
    string Role, string Services, string NameEn, string NameJa, string NameZh);

/// <summary>A problem with one line of a catalogue file.</summary>
public sealed record CsvProblem(int Line, string Message);

/// <summary>Reads and writes the catalogue CSV format of docs/catalogue-format.md (UTF-8, RFC 4180).</summary>
public static class CatalogueCsv
{
    public static readonly string[] Header = ["id", "phase", "process", "section", "required", "role", "services", "name_en", "name_ja", "name_zh"];
    public const int MaxRows = 10_000;
    public const long MaxBytes = 5 * 1024 * 1024;

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
            problems.Add(new CsvProblem(0, $"The file is larger than {MaxBytes / 1024 / 1024} MB."));
            return (rows, problems);
        }
        string text;
        try
        {
            var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            if (bytes.Length >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF))
                throw new DecoderFallbackException("UTF-16");
            text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new CsvProblem(1, "The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again."));
            return (rows, problems);
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, config);
        var first = true;
        try
        {
            while (csv.Read())
            {
                var line = csv.RawRow;
                var fields = csv.Record ?? [];
                if (first)
                {
                    first = false;
                    var header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                    if (!header.SequenceEqual(Header))
                    {
                        problems.Add(new CsvProblem(line, $"The header must be exactly: {string.Join(',', Header)}"));
                        return (rows, problems);
                    }
                    continue;
                }
                if (fields.All(string.IsNullOrWhiteSpace)) continue;
                if (rows.Count >= MaxRows)
                {
                    problems.Add(new CsvProblem(line, $"The file has more than {MaxRows:N0} tasks; split it into smaller files."));
                    return (rows, problems);
                }
                if (fields.Length != Header.Length)
                {
                    problems.Add(new CsvProblem(line, $"Expected {Header.Length} fields but found {fields.Length}."));
                    continue;
                }
                rows.Add(new CatalogueRow(line, fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim(),
                    fields[4].Trim(), fields[5].Trim(), fields[6].Trim(), fields[7].Trim(), fields[8].Trim(), fields[9].Trim()));
            }
        }
        catch (CsvHelperException ex)
        {
            problems.Add(new CsvProblem(ex.Context?.Parser?.RawRow ?? 0, "The file is not valid CSV: " + ex.Message.Split('\n')[0]));
        }
        if (first) problems.Add(new CsvProblem(1, "The file is empty."));
        return (rows, problems);
    }

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
                    csv.WriteField(f);
                csv.NextRecord();
            }
        }
        return sb.ToString();
    }
}
