using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FastTrack.Common.Security;
using FastTrack.Data;
using FastTrack.Domain.Audit;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>What an import would do, shown before anything is written (docs/catalogue-format.md).</summary>
public sealed record ImportPreview(
    string FileName,
    bool RetireMissing,
    string Fingerprint,
    IReadOnlyList<CsvProblem> Problems,
    IReadOnlyList<TaskImportChange> Added,
    IReadOnlyList<TaskImportChange> Changed,
    IReadOnlyList<TaskImportChange> Retired,
    IReadOnlyList<TaskImportChange> Restored,
    int Unchanged,
    int NotInFile,
    IReadOnlyList<NewCatalogueItem> NewItems)
{
    /// <summary>The catalogue update only: existing sections and processes it changes, field by field.</summary>
    public IReadOnlyList<SectionImportChange> SectionsChanged { get; init; } = [];

    /// <summary>The catalogue update only: fields an admin edited since the release seed, kept as they are.</summary>
    public IReadOnlyList<KeptEdit> Kept { get; init; } = [];

    public bool HasProblems => Problems.Count > 0;
    public bool HasChanges => Added.Count + Changed.Count + Retired.Count + Restored.Count + NewItems.Count + SectionsChanged.Count > 0;
}

/// <summary>One task the import adds, changes, retires or restores, with its fields before → after.</summary>
public sealed record TaskImportChange(int FtopId, string Name, string Location, IReadOnlyList<FieldChange> Changes);

/// <summary>A phase, process, section or service named in the file that does not exist yet; created on apply.</summary>
public sealed record NewCatalogueItem(string Kind, string Name);

/// <summary>
/// The diff between a catalogue file and the catalogue, shared by <see cref="PreviewImport"/> and <see cref="ApplyImport"/>
/// so that what is applied is exactly what was previewed. Built from tracked entities (one identity per row).
/// </summary>
internal sealed class CatalogueImportPlan
{
    internal const string PathSeparator = " › ";
    private static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        ["phase"] = 200, ["process"] = 200, ["section"] = 300, ["name_en"] = 500, ["name_ja"] = 500, ["name_zh"] = 500,
    };

    private readonly List<Desired> _rows = [];
    private readonly List<TaskImportChange> _added = [], _changed = [], _retired = [], _restored = [];
    private readonly List<NewCatalogueItem> _newItems = [];
    private readonly List<CsvProblem> _problems = [];
    private int _unchanged, _notInFile;
    private IReadOnlyList<Phase> _phases = [];
    private IReadOnlyList<Service> _services = [];
    private IReadOnlyList<CatalogueTask> _tasks = [];
    // The catalogue update (null for an uploaded file): the shipped sections merged with the catalogue's.
    private CatalogueUpdate? _update;
    private readonly List<SectionImportChange> _sectionsChanged = [];

    private CatalogueImportPlan(string fileName, bool retireMissing, string fingerprint)
    {
        FileName = fileName;
        RetireMissing = retireMissing;
        Fingerprint = fingerprint;
    }

    public string FileName { get; }
    public bool RetireMissing { get; }
    public string Fingerprint { get; }
    public IReadOnlyList<CsvProblem> Problems => _problems;

    public ImportPreview Preview() => new(FileName, RetireMissing, Fingerprint, _problems, _added, _changed, _retired, _restored,
        _unchanged, _notInFile, _newItems) { SectionsChanged = _sectionsChanged, Kept = _update?.Kept ?? [] };

    /// <summary>Loads the whole catalogue, tracked (so that apply can change it and every section has one instance), and plans.</summary>
    public static async Task<CatalogueImportPlan> LoadAsync(FastTrackDbContext db, string fileName, byte[] file, bool retireMissing, CancellationToken ct)
    {
        var phases = await db.Phases.AsTracking().Include(p => p.Processes).ThenInclude(p => p.Sections).ToListAsync(ct);
        var services = await db.Services.AsTracking().ToListAsync(ct);
        var tasks = await db.CatalogueTasks.AsTracking().Include(t => t.Services).Include(t => t.Section).ToListAsync(ct);
        var roles = await db.CatalogueRoles.ToListAsync(ct);
        return Create(fileName, file, retireMissing, phases, services, tasks, roles);
    }

    /// <summary>
    /// Plans the catalogue update: the shipped catalogue (the whole playbook) over this one, keeping the admin's own edits
    /// (<see cref="CatalogueUpdate"/>, ADR 0015). Never retires anything.
    /// </summary>
    public static async Task<CatalogueImportPlan> LoadUpdateAsync(FastTrackDbContext db, CancellationToken ct)
    {
        var phases = await db.Phases.AsTracking().Include(p => p.Processes).ThenInclude(p => p.Sections).ToListAsync(ct);
        var services = await db.Services.AsTracking().ToListAsync(ct);
        var tasks = await db.CatalogueTasks.AsTracking().Include(t => t.Services).Include(t => t.Section).ToListAsync(ct);
        var roles = await db.CatalogueRoles.ToListAsync(ct);
        var update = CatalogueUpdate.Plan(phases, tasks, ShippedCatalogue.Playbook, ShippedCatalogue.ReleaseSeed);
        var file = Encoding.UTF8.GetBytes(CatalogueCsv.Write(update.Rows));
        // The sections' merged values are part of what was previewed: the fingerprint covers them with the file.
        var previewed = Encoding.UTF8.GetBytes(string.Join('\n', update.Sections.Select(s => s.Line))).Concat(file).ToArray();
        return Create(CatalogueUpdate.FileName, file, false, phases, services, tasks, roles, update, previewed);
    }

    /// <summary>Plans the import of <paramref name="file"/> over the given catalogue. Nothing is changed.</summary>
    public static CatalogueImportPlan Create(string fileName, byte[] file, bool retireMissing,
        IReadOnlyList<Phase> phases, IReadOnlyList<Service> services, IReadOnlyList<CatalogueTask> tasks,
        IReadOnlyList<CatalogueRole> roles) => Create(fileName, file, retireMissing, phases, services, tasks, roles, null, file);

    private static CatalogueImportPlan Create(string fileName, byte[] file, bool retireMissing,
        IReadOnlyList<Phase> phases, IReadOnlyList<Service> services, IReadOnlyList<CatalogueTask> tasks,
        IReadOnlyList<CatalogueRole> roles, CatalogueUpdate? update, byte[] previewed)
    {
        var plan = new CatalogueImportPlan(fileName, retireMissing, ComputeFingerprint(previewed, retireMissing, phases, services, tasks, roles))
        {
            _phases = phases,
            _services = services,
            _tasks = tasks,
            _update = update,
        };
        var (rows, problems) = CatalogueCsv.Parse(file);
        plan._problems.AddRange(problems);
        var roleNames = new RoleNames(roles, tasks);
        var desired = rows.Select(r => Check(r, plan._problems, roleNames)).ToList();
        foreach (var duplicate in desired.Where(d => d is not null).GroupBy(d => d!.FtopId).Where(g => g.Count() > 1))
        {
            var lines = string.Join(", ", duplicate.Select(d => d!.Line));
            foreach (var d in duplicate)
                plan._problems.Add(new CsvProblem(d!.Line, "The id {0} appears more than once (lines {1}).", d.FtopId, lines));
        }
        if (plan._problems.Count > 0)
        {
            plan._problems.Sort((a, b) => a.Line.CompareTo(b.Line));
            return plan;
        }
        plan._rows.AddRange(desired.Select(d => d!));
        plan.Diff(phases, services, tasks);
        return plan;
    }

    /// <summary>A row as the catalogue should hold it, or null when it has problems (added to <paramref name="problems"/>).</summary>
    private static Desired? Check(CatalogueRow row, List<CsvProblem> problems, RoleNames roles)
    {
        var before = problems.Count;
        void Problem(string template, params object[] args) => problems.Add(new CsvProblem(row.Line, template, args));

        if (!int.TryParse(row.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            Problem("The id \"{0}\" is not a positive whole number.", row.Id);
        foreach (var (column, value) in new[] { ("phase", row.Phase), ("process", row.Process), ("section", row.Section) })
            if (value.Length == 0) Problem("The {0} is empty.", column);
        if (row.Required is not ("M" or "O")) Problem("Required must be M or O, not \"{0}\".", row.Required);
        var role = roles.Find(row.Role);
        if (role is null) Problem("The role \"{0}\" is unknown; use one of: {1}.", row.Role, roles.ActiveList);
        else if (role.Retired && !roles.TaskHas(id, role.Key))
            Problem("The role \"{0}\" is retired; restore it under Catalogue › Roles, or name another role.", role.Key);
        var services = ServiceNames.Split(row.Services);
        var all = services.Contains(ServiceNames.All, StringComparer.OrdinalIgnoreCase);
        if (services.Count == 0) Problem("The services are empty: name at least one service (separated by ;) or All Services.");
        else if (all && services.Count > 1) Problem("All Services cannot be combined with other services.");
        else if (services.FirstOrDefault(s => s.Length > 100) is { } longService) Problem("The service \"{0}\" is longer than {1} characters.", longService, 100);
        if (row.NameEn.Length == 0) Problem("The English name (name_en) is empty.");
        foreach (var (column, value) in new[] { ("phase", row.Phase), ("process", row.Process), ("section", row.Section),
                     ("name_en", row.NameEn), ("name_ja", row.NameJa), ("name_zh", row.NameZh) })
            if (value.Length > MaxLengths[column]) Problem("The {0} is longer than {1} characters.", column, MaxLengths[column]);

        if (problems.Count > before) return null;
        return new Desired(row.Line, id, row.Phase, row.Process, row.Section, row.Required == "M", role!.Key, all,
            all ? [] : services, row.NameEn, Optional(row.NameJa), Optional(row.NameZh));
    }

    private void Diff(IReadOnlyList<Phase> phases, IReadOnlyList<Service> services, IReadOnlyList<CatalogueTask> tasks)
    {
        var structure = new Structure(phases, services);
        var byId = tasks.ToDictionary(t => t.FtopId);
        foreach (var target in _update?.Sections ?? [])
        {
            var location = structure.Location(target.Phase, target.Process.NameEn, target.Section.NameEn, _newItems);
            if (target.ProcessChanges.Count > 0)
                _sectionsChanged.Add(new SectionImportChange("Process", target.Phase + PathSeparator + target.Process.NameEn, target.ProcessChanges));
            if (target.SectionChanges.Count > 0) _sectionsChanged.Add(new SectionImportChange("Section", location, target.SectionChanges));
        }
        foreach (var row in _rows)
        {
            var location = structure.Location(row.Phase, row.Process, row.Section, _newItems);
            var serviceNames = row.Services.Select(s => structure.ServiceName(s, _newItems)).Order(StringComparer.Ordinal).ToList();
            var servicesText = row.AllServices ? ServiceNames.All : string.Join(';', serviceNames);
            if (!byId.TryGetValue(row.FtopId, out var task))
            {
                List<FieldChange> fields =
                [
                    new("Section", null, location), new("Name (English)", null, row.NameEn),
                    new("Name (Japanese)", null, row.NameJa), new("Name (Chinese)", null, row.NameZh),
                    new("Required", null, row.Mandatory ? "M" : "O"), new("Role", null, row.Role), new("Services", null, servicesText),
                ];
                _added.Add(new TaskImportChange(row.FtopId, row.NameEn, location, fields.Where(f => f.After is not null).ToList()));
                continue;
            }
            var changes = new List<FieldChange>();
            void Track(string field, string? before, string? after)
            {
                if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal)) changes.Add(new FieldChange(field, before, after));
            }
            Track("Section", Structure.Path(task.Section), location);
            Track("Name (English)", task.NameEn, row.NameEn);
            Track("Name (Japanese)", task.NameJa, row.NameJa);
            Track("Name (Chinese)", task.NameZh, row.NameZh);
            Track("Required", task.Mandatory ? "M" : "O", row.Mandatory ? "M" : "O");
            Track("Role", task.Role, row.Role);
            Track("Services", task.ServicesText, servicesText);
            if (task.Retired)
                _restored.Add(new TaskImportChange(row.FtopId, row.NameEn, location, [new FieldChange("Retired", "yes", "no"), .. changes]));
            else if (changes.Count > 0)
                _changed.Add(new TaskImportChange(row.FtopId, row.NameEn, location, changes));
            else
                _unchanged++;
        }
        var inFile = _rows.Select(r => r.FtopId).ToHashSet();
        foreach (var task in tasks.Where(t => !t.Retired && !inFile.Contains(t.FtopId)).OrderBy(t => t.FtopId))
        {
            _notInFile++;
            if (RetireMissing)
                _retired.Add(new TaskImportChange(task.FtopId, task.NameEn, Structure.Path(task.Section), [new FieldChange("Retired", "no", "yes")]));
        }
    }

    /// <summary>Makes the planned changes on the tracked catalogue and adds their audit rows; the caller saves, in one transaction.</summary>
    public ApplyImport.Result Apply(FastTrackDbContext db, ICurrentUser user, TimeProvider clock)
    {
        if (_problems.Count > 0) throw new InvalidOperationException("A plan with problems cannot be applied.");
        var structure = new Structure(_phases, _services);
        var byId = _tasks.ToDictionary(t => t.FtopId);
        var summary = $"Import of {FileName}";
        foreach (var target in _update?.Sections ?? [])
        {
            var processIsNew = target.ExistingProcess is null;
            var s = target.Section;
            var section = structure.SectionFor(db, target.Phase, target.Process.NameEn, s.NameEn, s.PrimaryRole);
            var process = section.Process;
            var processChanges = process.Edit(process.NameEn, target.Process.NameJa, target.Process.NameZh, target.Process.Order);
            if (!processIsNew && processChanges.Count > 0)
                db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Process, process.Id.ToString(CultureInfo.InvariantCulture), processChanges, summary);
            var changes = section.Edit(s.NameEn, s.NameJa, s.NameZh, s.Order, s.PrimaryRole, s.Motions, s.AppliesTo)
                .Concat(section.Summarize(s.SummaryEn, s.SummaryJa, s.SummaryZh)).ToList();
            if (target.Existing is not null && changes.Count > 0)
                db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Section, section.Id.ToString(CultureInfo.InvariantCulture), changes, summary);
        }
        foreach (var row in _rows)
        {
            var section = structure.SectionFor(db, row);
            var taskServices = row.Services.Select(s => structure.ServiceFor(db, s)).ToList();
            if (!byId.TryGetValue(row.FtopId, out var task))
            {
                db.CatalogueTasks.Add(new CatalogueTask(row.FtopId, section, row.NameEn, row.NameJa, row.NameZh, row.Mandatory,
                    row.Role, row.AllServices, taskServices));
                continue;
            }
            if (task.Retired) task.Restore();
            task.Edit(section, row.NameEn, row.NameJa, row.NameZh, row.Mandatory, row.Role, row.AllServices, taskServices);
            task.MoveTo(section);
        }
        foreach (var change in _retired) byId[change.FtopId].Retire();
        foreach (var (phase, changes, newPhase) in structure.Moved)
            db.Audit(user, clock, CatalogueActions.Edited, AuditEntities.Phase, phase.Id.ToString(CultureInfo.InvariantCulture), changes,
                $"{summary}: phase {newPhase} added before it");

        foreach (var (action, list) in new[] { ("Created", _added), ("Imported", _changed), ("Restored", _restored), ("Retired", _retired) })
            foreach (var change in list)
                db.Audit(user, clock, action, AuditEntities.CatalogueTask, change.FtopId.ToString(CultureInfo.InvariantCulture), change.Changes, summary);
        var result = new ApplyImport.Result(_added.Count, _changed.Count, _retired.Count, _restored.Count, _newItems.Count);
        db.Audit(user, clock, "Import", AuditEntities.Catalogue, "catalogue",
            _newItems.Select(n => new FieldChange("New " + n.Kind.ToLowerInvariant(), null, n.Name)),
            $"{summary}: {result.Added} added, {result.Changed} changed, {result.Retired} retired, {result.Restored} restored, " +
            $"{_unchanged} unchanged; {result.NewItems} new phases, processes, sections or services.");
        return result;
    }

    /// <summary>
    /// Identifies the catalogue as it was planned against, and the file and choice that were planned: apply refuses
    /// when any of them differs from what the admin previewed.
    /// </summary>
    private static string ComputeFingerprint(byte[] file, bool retireMissing, IReadOnlyList<Phase> phases, IReadOnlyList<Service> services,
        IReadOnlyList<CatalogueTask> tasks, IReadOnlyList<CatalogueRole> roles)
    {
        var sb = new StringBuilder();
        sb.Append(retireMissing).Append('\n').Append(Convert.ToHexString(SHA256.HashData(file))).Append('\n');
        foreach (var p in phases.OrderBy(p => p.Id).ThenBy(p => p.NameEn, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"P{p.Id}|{p.NameEn}|{p.Order}\n");
            foreach (var pr in p.Processes.OrderBy(x => x.Id).ThenBy(x => x.NameEn, StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $"R{pr.Id}|{pr.NameEn}|{pr.Order}|{pr.Version}\n");
                foreach (var s in pr.Sections.OrderBy(x => x.Id).ThenBy(x => x.NameEn, StringComparer.Ordinal))
                    sb.Append(CultureInfo.InvariantCulture, $"S{s.Id}|{s.NameEn}|{s.Order}|{s.Version}\n");
            }
        }
        foreach (var s in services.OrderBy(s => s.Name, StringComparer.Ordinal)) sb.Append("V").Append(s.Name).Append('\n');
        foreach (var r in roles.OrderBy(r => r.Key, StringComparer.Ordinal)) sb.Append(CultureInfo.InvariantCulture, $"O{r.Key}|{r.NameEn}|{r.Retired}\n");
        foreach (var t in tasks.OrderBy(t => t.FtopId))
            sb.Append(CultureInfo.InvariantCulture,
                $"T{t.FtopId}|{t.Version}|{t.Retired}|{Structure.Path(t.Section)}|{t.NameEn}|{t.NameJa}|{t.NameZh}|{t.Mandatory}|{t.Role}|{t.ServicesText}\n");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    private static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The roles a file may name: by key or English name, ignoring case; a retired one only where the task has it.</summary>
    private sealed class RoleNames
    {
        private readonly Dictionary<string, CatalogueRole> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<int, string> _taskRoles;

        public RoleNames(IReadOnlyList<CatalogueRole> roles, IReadOnlyList<CatalogueTask> tasks)
        {
            foreach (var role in roles) _byName.TryAdd(role.NameEn, role);
            foreach (var role in roles) _byName[role.Key] = role;
            _taskRoles = tasks.ToDictionary(t => t.FtopId, t => t.Role);
            ActiveList = string.Join(", ", roles.Where(r => !r.Retired).OrderBy(r => r.Order).Select(r => r.Key));
        }

        public string ActiveList { get; }

        public CatalogueRole? Find(string name) => _byName.GetValueOrDefault(name.Trim());

        public bool TaskHas(int ftopId, string key) => _taskRoles.TryGetValue(ftopId, out var role) && role == key;
    }

    /// <summary>A valid row of the file: the task as the catalogue should hold it.</summary>
    private sealed record Desired(int Line, int FtopId, string Phase, string Process, string Section, bool Mandatory, string Role,
        bool AllServices, IReadOnlyList<string> Services, string NameEn, string? NameJa, string? NameZh);

    /// <summary>
    /// Finds phases, processes, sections and services by name (case-insensitive, as admins type them) and, on apply,
    /// creates the missing ones after the existing ones, in the order the file first names them.
    /// </summary>
    private sealed class Structure
    {
        private readonly Dictionary<string, Phase> _phases = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(Phase, string), Process> _processes = new(new ByNameInParent<Phase>());
        private readonly Dictionary<(Process, string), Section> _sections = new(new ByNameInParent<Process>());
        private readonly Dictionary<string, Service> _services = new(StringComparer.OrdinalIgnoreCase);
        // Preview: names of what would be created, with the canonical spelling the file first used.
        private readonly Dictionary<string, string> _plannedNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<Phase> _ordered;

        /// <summary>Existing phases renumbered to make room for a new one (audited on apply), with the new phase's name.</summary>
        public List<(Phase Phase, IReadOnlyList<FieldChange> Changes, string NewPhase)> Moved { get; } = [];

        public Structure(IReadOnlyList<Phase> phases, IReadOnlyList<Service> services)
        {
            foreach (var phase in phases)
            {
                _phases[phase.NameEn] = phase;
                foreach (var process in phase.Processes)
                {
                    _processes[(phase, process.NameEn)] = process;
                    foreach (var section in process.Sections) _sections[(process, section.NameEn)] = section;
                }
            }
            foreach (var service in services) _services[service.Name] = service;
            _ordered = phases.OrderBy(p => p.Order).ThenBy(p => p.Id).ToList();
        }

        public static string Path(Section s) => string.Join(PathSeparator, s.Process.Phase.NameEn, s.Process.NameEn, s.NameEn);

        /// <summary>The row's section as "Phase › Process › Section", noting each level that does not exist yet.</summary>
        public string Location(string rowPhase, string rowProcess, string rowSection, List<NewCatalogueItem> newItems)
        {
            _phases.TryGetValue(rowPhase, out var phase);
            Process? process = null;
            if (phase is not null) _processes.TryGetValue((phase, rowProcess), out process);
            Section? section = null;
            if (process is not null) _sections.TryGetValue((process, rowSection), out section);

            var phaseName = phase?.NameEn ?? Planned("Phase", rowPhase, rowPhase, newItems);
            var processName = process?.NameEn ?? Planned("Process", phaseName + PathSeparator + rowProcess, rowProcess, newItems);
            var sectionName = section?.NameEn
                ?? Planned("Section", phaseName + PathSeparator + processName + PathSeparator + rowSection, rowSection, newItems);
            return phaseName + PathSeparator + processName + PathSeparator + sectionName;
        }

        public string ServiceName(string name, List<NewCatalogueItem> newItems) =>
            _services.TryGetValue(name, out var service) ? service.Name : Planned("Service", name, name, newItems);

        private string Planned(string kind, string path, string name, List<NewCatalogueItem> newItems)
        {
            var key = kind + "|" + path;
            if (_plannedNames.TryGetValue(key, out var planned)) return planned;
            newItems.Add(new NewCatalogueItem(kind, path));
            return _plannedNames[key] = name;
        }

        public Section SectionFor(FastTrackDbContext db, Desired row) => SectionFor(db, row.Phase, row.Process, row.Section, row.Role);

        public Section SectionFor(FastTrackDbContext db, string phaseName, string processName, string sectionName, string role)
        {
            var row = (Phase: phaseName, Process: processName, Section: sectionName, Role: role);
            if (!_phases.TryGetValue(row.Phase, out var phase))
            {
                // A playbook phase takes its playbook place (with its names); any other goes before Success (issue 21 item 7).
                var known = CatalogueSeeder.PlaybookPhases.FirstOrDefault(p => string.Equals(p.En, row.Phase, StringComparison.OrdinalIgnoreCase));
                phase = new Phase(row.Phase, _ordered.Count + 1, known.Ja, known.Zh);
                db.Phases.Add(phase);
                _phases[row.Phase] = phase;
                _ordered.Insert(PhasePlacement.IndexFor(phase.NameEn, _ordered), phase);
                foreach (var (moved, changes) in Phase.Renumber(_ordered).Where(m => m.Phase.Id != 0))
                    Moved.Add((moved, changes, phase.NameEn));
            }
            if (!_processes.TryGetValue((phase, row.Process), out var process))
            {
                process = new Process(phase, row.Process, phase.Processes.Select(p => p.Order).DefaultIfEmpty(0).Max() + 1);
                phase.Processes.Add(process);
                db.Processes.Add(process);
                _processes[(phase, row.Process)] = process;
            }
            if (!_sections.TryGetValue((process, row.Section), out var section))
            {
                section = new Section(process, row.Section, process.Sections.Select(s => s.Order).DefaultIfEmpty(0).Max() + 1, row.Role);
                process.Sections.Add(section);
                db.Sections.Add(section);
                _sections[(process, row.Section)] = section;
            }
            return section;
        }

        public Service ServiceFor(FastTrackDbContext db, string name)
        {
            if (_services.TryGetValue(name, out var service)) return service;
            service = new Service(name);
            db.Services.Add(service);
            return _services[name] = service;
        }
    }

    /// <summary>Same parent (by reference) and same name ignoring case.</summary>
    private sealed class ByNameInParent<T> : IEqualityComparer<(T Parent, string Name)> where T : class
    {
        public bool Equals((T Parent, string Name) x, (T Parent, string Name) y) =>
            ReferenceEquals(x.Parent, y.Parent) && StringComparer.OrdinalIgnoreCase.Equals(x.Name, y.Name);

        public int GetHashCode((T Parent, string Name) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Parent), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name));
    }
}
