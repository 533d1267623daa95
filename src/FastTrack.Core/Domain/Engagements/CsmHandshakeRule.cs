using FastTrack.Domain.Catalogue;

namespace FastTrack.Domain.Engagements;

/// <summary>
/// Support Success Execution: when a CSM is assigned and a service is Teams, Yammer or Outlook Mobile, the
/// matching handshake task (3731, 3732, 3733) applies and two steps do not, for that service.
/// </summary>
public static class CsmHandshakeRule
{
    public static readonly IReadOnlyDictionary<string, int> HandshakeTasks = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        [ServiceNames.Teams] = 3731,
        [ServiceNames.Yammer] = 3732,
        [ServiceNames.OutlookMobile] = 3733,
    };

    /// <summary>Steps the CSM takes over for a modern comms service.</summary>
    public static readonly string[] ReplacedSteps = ["Schedule Success Check-in Meetings", "Encourage Customer to Track Adoption Progress"];

    public const string Reason = "A CSM is assigned: the CSM handshake replaces this step for {0}.";

    /// <summary>Why an open handshake task became Not applicable when the customer's CSM was removed.</summary>
    public const string NoCsmReason = "No CSM is assigned any more: the CSM handshake does not apply.";

    /// <summary>The timeline's why of a checklist that followed a CSM change.</summary>
    public const string CsmAssigned = "A CSM was assigned to the customer: the CSM handshake applies from now on.";
    public const string CsmRemoved = "The customer's CSM was removed: the CSM handshake no longer applies.";

    public const string NoCsmForHandover = "The customer has no CSM: record the CSM on the customer's page before handing ongoing adoption to them, or choose another outcome.";

    public static bool IsHandshakeTask(int ftopId) => HandshakeTasks.Values.Contains(ftopId);

    /// <summary>The services of the engagement whose handshake applies (none without a CSM).</summary>
    public static IReadOnlyList<string> HandshakeServices(bool customerHasCsm, IEnumerable<string> services) =>
        customerHasCsm ? services.Where(HandshakeTasks.ContainsKey).OrderBy(s => s, StringComparer.Ordinal).ToList() : [];

    /// <summary>Whether a handshake task is on the checklist: only with a CSM and its service in scope.</summary>
    public static bool IncludesTask(int ftopId, bool customerHasCsm, IEnumerable<string> services) =>
        HandshakeServices(customerHasCsm, services).Any(s => HandshakeTasks[s] == ftopId);

    public static bool IsReplacedStep(string sectionName) =>
        ReplacedSteps.Contains(sectionName, StringComparer.OrdinalIgnoreCase);
}
