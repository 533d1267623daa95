using System.Globalization;
using System.Reflection;
using FastTrack.Data;
using FastTrack.Domain.Catalogue;
using FastTrack.Domain.Customers;
using FastTrack.Domain.Engagements;

namespace FastTrack.Tests.Engagements;

/// <summary>The seeded playbook built in memory (no database): the embedded seed files, with ids as the database would give.</summary>
internal static class TestPlaybook
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static Playbook Build()
    {
        var ids = 0;
        var phases = new Dictionary<string, Phase>
        {
            ["Initiate"] = WithId(new Phase("Initiate", 1, "開始", "启动"), ++ids),
            ["Assess"] = WithId(new Phase("Assess", 2, "調査", "评估"), ++ids),
            ["Success"] = WithId(new Phase("Success", 3, "成功", "成功"), ++ids),
        };
        var processes = new Dictionary<string, Process>();
        var sections = new Dictionary<(string, string), Section>();
        foreach (var row in CatalogueSeeder.ReadEmbedded("seed-sections.csv"))
        {
            if (!processes.TryGetValue(row["process"], out var process))
            {
                var phase = phases[row["phase"]];
                process = WithId(new Process(phase, row["process"], phase.Processes.Count + 1), ++ids);
                phase.Processes.Add(process);
                processes[row["process"]] = process;
            }
            var section = WithId(new Section(process, row["section"], int.Parse(row["order"], CultureInfo.InvariantCulture)), ++ids);
            section.Edit(row["section"], row["section_ja"], row["section_zh"], section.Order, row["primary_role"], row["motions"], row["applies_to"]);
            process.Sections.Add(section);
            sections[(row["process"], row["section"])] = section;
        }
        foreach (var row in CatalogueSeeder.ReadEmbedded("seed-tasks.csv"))
        {
            var section = sections[(row["process"], row["section"])];
            var names = ServiceNames.Split(row["services"]);
            var all = names.Contains(ServiceNames.All);
            section.Tasks.Add(new CatalogueTask(int.Parse(row["id"], CultureInfo.InvariantCulture), section, row["name_en"], row["name_ja"],
                row["name_zh"], row["required"] == "M", row["role"], all, all ? [] : names.Select(n => new Service(n))));
        }
        return new Playbook(phases.Values);
    }

    /// <summary>The whole partner playbook (six phases: Initiate, Assess, Remediate, Enable, Migrate, Success) from the shipped catalogue files.</summary>
    public static Playbook BuildWhole()
    {
        var ids = 0;
        var phases = new Dictionary<string, Phase>();
        var processes = new Dictionary<string, Process>();
        var sections = new Dictionary<(string, string), Section>();
        foreach (var row in CatalogueSeeder.ReadEmbedded("playbook-sections.csv"))
        {
            if (!phases.TryGetValue(row["phase"], out var phase))
                phases[row["phase"]] = phase = WithId(new Phase(row["phase"], int.Parse(row["phase_order"], CultureInfo.InvariantCulture)), ++ids);
            if (!processes.TryGetValue(row["process"], out var process))
            {
                process = WithId(new Process(phase, row["process"], int.Parse(row["process_order"], CultureInfo.InvariantCulture)), ++ids);
                phase.Processes.Add(process);
                processes[row["process"]] = process;
            }
            var section = WithId(new Section(process, row["section"], int.Parse(row["order"], CultureInfo.InvariantCulture)), ++ids);
            section.Edit(row["section"], row["section_ja"], row["section_zh"], section.Order, row["primary_role"], row["motions"], row["applies_to"]);
            process.Sections.Add(section);
            sections[(row["process"], row["section"])] = section;
        }
        foreach (var row in CatalogueSeeder.ReadEmbedded("playbook-catalogue.csv"))
        {
            var section = sections[(row["process"], row["section"])];
            var names = ServiceNames.Split(row["services"]);
            var all = names.Contains(ServiceNames.All);
            section.Tasks.Add(new CatalogueTask(int.Parse(row["id"], CultureInfo.InvariantCulture), section, row["name_en"], row["name_ja"],
                row["name_zh"], row["required"] == "M", row["role"], all, all ? [] : names.Select(n => new Service(n))));
        }
        return new Playbook(phases.Values);
    }

    public static Customer Customer(bool csm = false, params (string Service, int Seats)[] seats) =>
        WithId(new Customer("Contoso", "contoso.onmicrosoft.com", "Retail", false, csm ? "Casey CSM" : null, csm ? "casey@example.com" : null, null,
            seats.Length > 0 ? seats : [(ServiceNames.Teams, 1000), (ServiceNames.SharePoint, 1000), (ServiceNames.OneDrive, 1000), (ServiceNames.Yammer, 1000), (ServiceNames.Exchange, 1000), (ServiceNames.OutlookMobile, 1000)]), 1);

    public static Engagement Start(Playbook playbook, Customer customer, EngagementMotion motion = EngagementMotion.CustomerHealth,
        DateOnly? assigned = null, params string[] services)
    {
        var e = Engagement.Start(customer, "fm-1", null, motion, services.Length > 0 ? services : [ServiceNames.Teams],
            new EngagementDates(assigned ?? new DateOnly(2026, 11, 2), null, null, null), playbook);
        var id = 0;
        foreach (var t in e.Tasks) WithId(t, ++id);
        return e;
    }

    /// <summary>New tasks get ids as the database would on save.</summary>
    public static void Save(Engagement e)
    {
        var next = e.Tasks.Max(t => t.Id) + 1;
        foreach (var t in e.Tasks.Where(t => t.Id == 0)) WithId(t, next++);
    }

    public static EngagementTask TaskOf(Engagement e, int ftopId) => e.Tasks.Single(t => t.FtopId == ftopId && t.Cycle == e.Cycle);

    public static void Complete(Engagement e, params int[] ftopIds)
    {
        foreach (var id in ftopIds) e.SetTaskStatus(TaskOf(e, id).Id, EngagementTaskStatus.Completed, null, null, "fm", Now);
    }

    public static T WithId<T>(T entity, int id)
    {
        typeof(T).GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
        return entity;
    }
}
