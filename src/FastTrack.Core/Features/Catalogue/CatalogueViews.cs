using FastTrack.Data;
using FastTrack.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace FastTrack.Features.Catalogue;

/// <summary>
/// A catalogue name in its three languages. Printing it (<c>@name</c> in a view) gives the name in the
/// user's language, English when there is no translation, so a page never picks a language itself.
/// </summary>
public sealed record LocalName(string En, string? Ja, string? Zh)
{
    public override string ToString() => Localized.Pick(En, Ja, Zh);
}

/// <summary>A choice of a select list: an id and a name in the user's language.</summary>
public sealed record Choice(int Id, LocalName Name);

/// <summary>A role of the catalogue's vocabulary: its key (what tasks store) and its name in the user's language.</summary>
public sealed record RoleChoice(string Key, LocalName Name, bool Retired);

/// <summary>One audit row of a catalogue record, as its history shows it.</summary>
public sealed record HistoryEntry(DateTime AtUtc, string UserName, string Action, string? Summary, IReadOnlyList<FieldChange> Changes);

internal static class CatalogueHistory
{
    /// <summary>The audit rows of one record, newest first.</summary>
    public static async Task<List<HistoryEntry>> LoadAsync(FastTrackDbContext db, string entityType, string entityId, CancellationToken ct)
    {
        var rows = await db.AuditEntries
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .ToListAsync(ct);
        return rows.Select(a => new HistoryEntry(DateTime.SpecifyKind(a.At, DateTimeKind.Utc), a.UserName, a.Action, a.Summary, a.Changes()))
            .ToList();
    }
}

/// <summary>Names of the audit actions the catalogue writes (shown, translated, in history).</summary>
public static class CatalogueActions
{
    public const string Created = "Created";
    public const string Edited = "Edited";
    public const string Retired = "Retired";
    public const string Restored = "Restored";
}

/// <summary>
/// The English messages the catalogue use cases write; the web layer translates them
/// (Resources/Messages/CatalogueMessages.*.resx is keyed by this exact text).
/// </summary>
public static class CatalogueText
{
    public const string FtopIdPositive = "Enter the FTOP id, a positive number.";
    public const string FtopIdTaken = "This FTOP id is already in the catalogue.";
    public const string SectionRequired = "Choose the section the task belongs to.";
    public const string SectionUnknown = "That section does not exist any more. Choose another.";
    public const string NameEnRequired = "Enter the English name.";
    public const string NameTooLong200 = "This name is too long: at most 200 characters.";
    public const string NameTooLong300 = "This name is too long: at most 300 characters.";
    public const string NameTooLong500 = "This name is too long: at most 500 characters.";
    public const string SummaryTooLong = "This summary is too long: at most 1,000 characters.";
    public const string SummaryEnRequired = "Enter the English summary too: it is shown when a language has none.";
    public const string ServicesRequired = "Choose at least one service, or All Services.";
    public const string ServicesUnknown = "Choose services from the list.";
    public const string RoleUnknown = "Choose a role from the list.";
    public const string OrderPositive = "The order must be 1 or more.";
    public const string MotionsUnknown = "Choose motions from the list.";
    public const string SectionNameTaken = "Another section of this process already has this name.";
    public const string ProcessNameTaken = "Another process of this phase already has this name.";
    public const string TaskConflict = "Someone else changed this task while you were editing it. Your changes are still in the form below; the current values are shown beside them. Review and save again.";
    public const string TaskStateConflict = "Someone else changed this task since you opened the page. The page now shows its current state; check it and try again.";
    public const string SectionConflict = "Someone else changed this section while you were editing it. Your changes are still in the form below; the current values are shown beside them. Review and save again.";
    public const string RoleNameTaken = "Another role already has this name.";
    public const string RoleKeyTaken = "This role is already in the catalogue.";
    public const string RoleKeyRequired = "Enter the role as catalogue files name it.";
    public const string RoleKeyTooLong = "This role is too long: at most 100 characters.";
    public const string RoleConflict = "Someone else changed this role while you were editing it. Your changes are still in the form below; the current values are shown beside them. Review and save again.";
    public const string RoleStateConflict = "Someone else changed this role since you opened the page. The page now shows its current state; check it and try again.";
    public const string PhaseNameTaken = "Another phase already has this name.";
    public const string PhaseConflict = "Someone else changed this phase while you were editing it. Your changes are still in the form below; the current values are shown beside them. Review and save again.";
    public const string PhaseStateConflict = "Someone else changed the phases since you opened the page. The page now shows their current state; check it and try again.";
    public const string ProcessConflict = "Someone else changed this process while you were editing it. Your changes are still in the form below; the current values are shown beside them. Review and save again.";
}
