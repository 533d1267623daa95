using System.Text.Json;
using FastTrack.Domain.Common;

namespace FastTrack.Domain.Audit;

/// <summary>
/// One recorded change: who, when (UTC), what, before → after. Append-only: the app never updates
/// or deletes these rows. Catalogue history on a task page is this table filtered to that task.
/// </summary>
public class AuditEntry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string? userId, string userName, string action, string entityType,
        string entityId, IEnumerable<FieldChange>? changes = null, string? summary = null, string? address = null)
    {
        Address = address;
        At = at.UtcDateTime;
        UserId = userId;
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Summary = summary;
        ChangesJson = JsonSerializer.Serialize((changes ?? []).ToArray(), Json);
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string? Summary { get; private set; }
    public string ChangesJson { get; private set; } = "[]";
    /// <summary>The client's IP address, recorded for sign-ins (and used to slow down guessing from one address).</summary>
    public string? Address { get; private set; }

    /// <summary>A row read back through a projection (the engagement page reads its timeline in one UNION with usage and notes).</summary>
    internal static AuditEntry Read(long id, DateTime at, string? userId, string userName, string action, string entityType,
        string entityId, string? summary, string changesJson) => new()
    {
        Id = id, At = at, UserId = userId, UserName = userName, Action = action, EntityType = entityType, EntityId = entityId,
        Summary = summary, ChangesJson = changesJson,
    };

    // ChangesJson never changes once the entry exists (append-only), so it is parsed once per entry, not at each call.
    private IReadOnlyList<FieldChange>? _changes;

    public IReadOnlyList<FieldChange> Changes() =>
        _changes ??= Array.AsReadOnly(JsonSerializer.Deserialize<FieldChange[]>(ChangesJson, Json) ?? []);
}

public static class AuditEntities
{
    public const string CatalogueTask = "CatalogueTask";
    public const string Section = "Section";
    public const string Process = "Process";
    public const string Phase = "Phase";
    public const string Role = "CatalogueRole";
    public const string Catalogue = "Catalogue";
    public const string User = "User";
    public const string SignIn = "SignIn";
    public const string Customer = "Customer";
    public const string Engagement = "Engagement";
    public const string PartnerOrganisation = "PartnerOrganisation";
    public const string ApiToken = "ApiToken";
    public const string SsoSignUp = "SsoSignUp";
}
