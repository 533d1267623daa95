using System.Globalization;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;

namespace FastTrack.Features.Catalogue;

/// <summary>A field an admin edited since the release seed: kept as it is; <see cref="FieldChange.Before"/> is the
/// admin's value, <see cref="FieldChange.After"/> the shipped one that is not applied.</summary>
public sealed record KeptEdit(string What, string Location, IReadOnlyList<FieldChange> Changes);

/// <summary>An existing approach section or process whose fields the update changes, field by field.</summary>
public sealed record SectionImportChange(string Kind, string Location, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// What the shipped catalogue (<see cref="ShippedCatalogue.Playbook"/>) should make of an existing one, field by field and
/// three ways (ADR 0015): a field that equals the shipped value stays; one that still holds the release seed's value (or,
/// on an item the seed did not have, is blank) takes the shipped value; any other is the admin's own edit and is kept.
/// The result feeds <see cref="CatalogueImportPlan"/>: the tasks as an import file, the sections as their merged values.
/// </summary>
internal sealed class CatalogueUpdate
{
    public const string FileName = "playbook-catalogue.csv";

    private CatalogueUpdate() { }

    /// <summary>The tasks as the catalogue should hold them: the import file the plan diffs against the catalogue.</summary>
    public List<CatalogueRow> Rows { get; } = [];

    /// <summary>Every shipped section in playbook order, with the values it should hold.</summary>
    public List<Target> Sections { get; } = [];

    public List<KeptEdit> Kept { get; } = [];

    /// <summary>A shipped section and its process, merged; <see cref="Existing"/> null when it is created.</summary>
    internal sealed record Target(string Phase, ShippedProcess Process, Process? ExistingProcess, IReadOnlyList<FieldChange> ProcessChanges,
        ShippedSection Section, Section? Existing, IReadOnlyList<FieldChange> SectionChanges)
    {
        public string Line => string.Join('|', Phase, Process.NameEn, Process.Order, Process.NameJa, Process.NameZh, Section.NameEn,
            Section.Order, Section.NameJa, Section.NameZh, Section.PrimaryRole, Section.Motions, Section.AppliesTo, Section.SummaryEn,
            Section.SummaryJa, Section.SummaryZh);
    }

    public static CatalogueUpdate Plan(IReadOnlyList<Phase> phases, IReadOnlyList<CatalogueTask> tasks,
        ShippedCatalogue shipped, ShippedCatalogue baseline)
    {
        var update = new CatalogueUpdate();
        var byId = tasks.ToDictionary(t => t.FtopId);
        var baseSections = baseline.Sections.ToDictionary(s => Key(s.Process, s.NameEn), StringComparer.OrdinalIgnoreCase);
        var baseProcesses = baseline.Processes.ToDictionary(p => p.NameEn, StringComparer.OrdinalIgnoreCase);
        var baseTasks = baseline.Tasks.ToDictionary(t => t.FtopId);
        var homeTasks = shipped.Tasks.ToLookup(t => Key(t.Process, t.Section), StringComparer.OrdinalIgnoreCase);
        var processes = shipped.Processes.ToDictionary(p => p.NameEn, StringComparer.OrdinalIgnoreCase);
        var claimed = new HashSet<Section>();
        var targets = new Dictionary<string, Target>(StringComparer.OrdinalIgnoreCase);
        var mergedProcesses = new Dictionary<string, (ShippedProcess Merged, Process? Existing, IReadOnlyList<FieldChange> Changes)>(StringComparer.OrdinalIgnoreCase);

        foreach (var s in shipped.Sections)
        {
            var phase = phases.FirstOrDefault(p => Same(p.NameEn, s.Phase));
            var process = phase?.Processes.FirstOrDefault(p => Same(p.NameEn, s.Process));
            var section = process?.Sections.FirstOrDefault(x => Same(x.NameEn, s.NameEn));
            // A seed section the admin renamed is found through the tasks it holds.
            section ??= homeTasks[Key(s.Process, s.NameEn)].Select(t => byId.GetValueOrDefault(t.FtopId)?.Section)
                .FirstOrDefault(x => x is not null && baseSections.ContainsKey(Key(s.Process, s.NameEn)) && !claimed.Contains(x));
            if (section is not null)
            {
                claimed.Add(section);
                process = section.Process;
                phase = process.Phase;
            }

            if (!mergedProcesses.TryGetValue(s.Process, out var mp))
            {
                var sp = processes[s.Process];
                if (process is null) mp = (sp, null, []);
                else
                {
                    var merge = new FieldMerge(baseProcesses.TryGetValue(s.Process, out var bp));
                    var merged = sp with
                    {
                        NameEn = process.NameEn,
                        NameJa = merge.Take("Name (Japanese)", process.NameJa, bp?.NameJa, sp.NameJa),
                        NameZh = merge.Take("Name (Chinese)", process.NameZh, bp?.NameZh, sp.NameZh),
                        Order = int.Parse(merge.Take("Order", Text(process.Order), bp is null ? null : Text(bp.Order), Text(sp.Order))!,
                            CultureInfo.InvariantCulture),
                    };
                    if (merge.Kept.Count > 0) update.Kept.Add(new KeptEdit("Process", Path(phase!.NameEn, process.NameEn), merge.Kept));
                    mp = (merged, process, merge.Changes);
                }
                mergedProcesses[s.Process] = mp;
            }

            var target = s;
            IReadOnlyList<FieldChange> sectionChanges = [];
            if (section is not null)
            {
                var merge = new FieldMerge(baseSections.TryGetValue(Key(s.Process, s.NameEn), out var b));
                target = new ShippedSection(s.Phase, s.Process,
                    merge.Take("Name (English)", section.NameEn, b?.NameEn, s.NameEn)!,
                    int.Parse(merge.Take("Order", Text(section.Order), b is null ? null : Text(b.Order), Text(s.Order))!, CultureInfo.InvariantCulture),
                    merge.Take("Name (Japanese)", section.NameJa, b?.NameJa, s.NameJa),
                    merge.Take("Name (Chinese)", section.NameZh, b?.NameZh, s.NameZh),
                    merge.Take("Primary role", section.PrimaryRole, b?.PrimaryRole, s.PrimaryRole)!,
                    merge.Take("Motions", section.Motions, b?.Motions, s.Motions) ?? "",
                    merge.Take("Applies to", section.AppliesTo, b?.AppliesTo, s.AppliesTo)!,
                    merge.Take("Summary (English)", section.SummaryEn, b?.SummaryEn, s.SummaryEn),
                    merge.Take("Summary (Japanese)", section.SummaryJa, b?.SummaryJa, s.SummaryJa),
                    merge.Take("Summary (Chinese)", section.SummaryZh, b?.SummaryZh, s.SummaryZh));
                if (target.SummaryEn is null && (target.SummaryJa is not null || target.SummaryZh is not null))
                    target = target with { SummaryJa = section.SummaryJa, SummaryZh = section.SummaryZh };
                if (merge.Kept.Count > 0)
                    update.Kept.Add(new KeptEdit("Section", Path(phase!.NameEn, process!.NameEn, section.NameEn), merge.Kept));
                sectionChanges = merge.Changes;
            }
            var phaseName = phase?.NameEn ?? s.Phase;
            var t = new Target(phaseName, mp.Merged, mp.Existing, mp.Changes, target with { Phase = phaseName, Process = mp.Merged.NameEn },
                section, sectionChanges);
            // The process's changes are made (and shown) once, with its first section.
            if (update.Sections.Any(x => x.Process.NameEn == t.Process.NameEn)) t = t with { ProcessChanges = [] };
            update.Sections.Add(t);
            targets[Key(s.Process, s.NameEn)] = t;
        }

        foreach (var s in shipped.Tasks)
        {
            var home = targets[Key(s.Process, s.Section)];
            var homePath = (home.Phase, home.Process.NameEn, home.Section.NameEn);
            if (!byId.TryGetValue(s.FtopId, out var task))
            {
                update.Rows.Add(Row(s.FtopId, homePath, s.Mandatory ? "M" : "O", s.Role, Services(s.Services), s.NameEn, s.NameJa, s.NameZh));
                continue;
            }
            var location = Path(task.Section.Process.Phase.NameEn, task.Section.Process.NameEn, task.Section.NameEn);
            if (task.Retired)
            {
                // Retired by an admin: the update does not bring it back (an import of the file would).
                update.Kept.Add(new KeptEdit("Task " + Text(task.FtopId), location, [new FieldChange("Retired", "yes", "no")]));
                continue;
            }
            var inBaseline = baseTasks.TryGetValue(s.FtopId, out var b);
            var merge = new FieldMerge(inBaseline);
            var path = (task.Section.Process.Phase.NameEn, task.Section.Process.NameEn, task.Section.NameEn);
            if (!ReferenceEquals(task.Section, home.Existing))
            {
                // Elsewhere than its shipped home: moved there while it is where the seed put it, else the admin moved it.
                var basePath = b is null ? null : Path(targets.GetValueOrDefault(Key(b.Process, b.Section))?.Existing is { } bs
                    ? [bs.Process.Phase.NameEn, bs.Process.NameEn, bs.NameEn] : [b.Phase, b.Process, b.Section]);
                if (merge.Take("Section", location, basePath, Path(homePath.Phase, homePath.Item2, homePath.Item3)) != location) path = homePath;
            }
            update.Rows.Add(Row(s.FtopId, path,
                merge.Take("Required", task.Mandatory ? "M" : "O", b is null ? null : b.Mandatory ? "M" : "O", s.Mandatory ? "M" : "O")!,
                merge.Take("Role", task.Role, b?.Role, s.Role)!,
                merge.Take("Services", task.ServicesText, b is null ? null : Services(b.Services), Services(s.Services))!,
                merge.Take("Name (English)", task.NameEn, b?.NameEn, s.NameEn)!,
                merge.Take("Name (Japanese)", task.NameJa, b?.NameJa, s.NameJa),
                merge.Take("Name (Chinese)", task.NameZh, b?.NameZh, s.NameZh)));
            if (merge.Kept.Count > 0) update.Kept.Add(new KeptEdit("Task " + Text(task.FtopId), location, merge.Kept));
        }
        return update;
    }

    private static CatalogueRow Row(int id, (string Phase, string Process, string Section) path, string required, string role,
        string services, string nameEn, string? nameJa, string? nameZh) =>
        new(0, Text(id), path.Phase, path.Process, path.Section, required, role, services, nameEn, nameJa ?? "", nameZh ?? "");

    /// <summary>Services as the catalogue writes them: All Services, or the names in order.</summary>
    private static string Services(string text)
    {
        var names = ServiceNames.Split(text);
        return names.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase) ? ServiceNames.All
            : string.Join(';', names.Order(StringComparer.Ordinal));
    }

    private static string Key(string process, string section) => process + "\n" + section;

    private static string Path(params string[] names) => string.Join(CatalogueImportPlan.PathSeparator, names);

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static bool Same(string? a, string? b) => string.Equals((a ?? "").Trim(), (b ?? "").Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>One item's fields, three ways.</summary>
    private sealed class FieldMerge(bool inBaseline)
    {
        public List<FieldChange> Changes { get; } = [];
        public List<FieldChange> Kept { get; } = [];

        public string? Take(string field, string? current, string? baseline, string? shipped)
        {
            if (Equal(current, shipped)) return current;
            if (inBaseline ? Equal(current, baseline) : string.IsNullOrWhiteSpace(current))
            {
                Changes.Add(new FieldChange(field, current, shipped));
                return shipped;
            }
            Kept.Add(new FieldChange(field, current, shipped));
            return current;
        }

        private static bool Equal(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);
    }
}
