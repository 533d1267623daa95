using System.Globalization;
using System.Text;
using FastTrack.Domain.Alerts;
using FastTrack.Features.Alerts;
using Microsoft.Extensions.Localization;

namespace FastTrack.Web.Alerts;

/// <summary>
/// The words of an alert, on the /Alerts page and in mails (English here, Japanese and Chinese in
/// Resources/Alerts/AlertTexts.*.resx). Mails are written in the recipient's stored language, whatever the request's.
/// </summary>
public sealed class AlertTexts(IStringLocalizer<AlertTexts> t) : IAlertMailWriter
{
    public string Title(AlertKind kind, string subjectKey) => kind switch
    {
        AlertKind.RfaFirstContactOverdue => t["RFA first contact overdue"],
        AlertKind.InProgressPastTarget => t["In Progress past its target date"],
        AlertKind.BlockedWithoutNote => t["Blocked without a note"],
        AlertKind.NoCustomerResponse => t["No customer response"],
        AlertKind.SuccessReviewNotHeld => t["Success Review not held"],
        AlertKind.TargetAtRisk when subjectKey.EndsWith("|" + nameof(Domain.Engagements.TargetStanding.TargetPassed), StringComparison.Ordinal)
            => t["Target date passed under the goal"],
        AlertKind.TargetAtRisk => t["Forecast slipped past the target date"],
        AlertKind.ReadyForReview => t["Ready for the Success Review"],
        _ => kind.ToString(),
    };

    /// <summary>"due 2026-03-01" for a clock, "target 2026-03-01" for a target; empty for readiness.</summary>
    public string When(AlertKind kind, DateOnly? on) => on is not { } day ? ""
        : kind == AlertKind.TargetAtRisk ? t["target {0}", Day(day)] : t["due {0}", Day(day)];

    /// <summary>The name of a kind on the profile page's preferences.</summary>
    public string KindName(AlertKind kind) => kind == AlertKind.TargetAtRisk ? t["Forecast slipped or target passed"] : Title(kind, "");

    public string DeliveryName(AlertDelivery d) => d switch
    {
        AlertDelivery.Immediate => t["Immediately"],
        AlertDelivery.Daily => t["In the daily digest"],
        _ => t["Off (in the app only)"],
    };

    public string GroupName(DigestGroup g) => g switch
    {
        DigestGroup.NewOverdue => t["New overdue items"],
        DigestGroup.ForecastsSlipped => t["Forecasts slipped"],
        _ => t["Ready for review"],
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public (string Subject, string Body) Immediate(AlertItem item, string? culture, string baseUrl) => In(culture, () =>
    {
        var body = new StringBuilder();
        body.AppendLine(t["What changed in your engagements:"]).AppendLine();
        Line(body, item, baseUrl);
        Footer(body, baseUrl);
        return (t["FastTrack alert: {0} – {1}", Title(item.Kind, item.SubjectKey), item.Customer].Value, body.ToString());
    });

    public (string Subject, string Body) Digest(IReadOnlyList<AlertItem> items, string? culture, string baseUrl, DateOnly day) => In(culture, () =>
    {
        var body = new StringBuilder();
        body.AppendLine(t["What changed in your engagements:"]);
        foreach (var group in items.GroupBy(i => Alert.GroupOf(i.Kind)).OrderBy(g => g.Key))
        {
            body.AppendLine().AppendLine(GroupName(group.Key));
            foreach (var item in group.OrderBy(i => i.Customer, StringComparer.Ordinal).ThenBy(i => i.EngagementId)) Line(body, item, baseUrl);
        }
        Footer(body, baseUrl);
        return (t["FastTrack daily digest for {0}: {1} items", Day(day), items.Count].Value, body.ToString());
    });

    private void Line(StringBuilder body, AlertItem item, string baseUrl)
    {
        var when = When(item.Kind, item.On);
        body.Append("- ").Append(item.Customer);
        if (item.Service is { Length: > 0 } service) body.Append(" · ").Append(service);
        body.Append(": ").Append(Title(item.Kind, item.SubjectKey));
        if (when.Length > 0) body.Append(" (").Append(when).Append(')');
        body.AppendLine();
        body.Append("  ").AppendLine(t["Open: {0}", $"{baseUrl}/Engagements/{item.EngagementId.ToString(CultureInfo.InvariantCulture)}?alert={item.Id.ToString(CultureInfo.InvariantCulture)}"]);
    }

    private void Footer(StringBuilder body, string baseUrl) =>
        body.AppendLine().AppendLine(t["All your alerts: {0}", baseUrl + "/Alerts"])
            .AppendLine(t["You choose which alerts come by e-mail on your profile page: {0}", baseUrl + "/Account/Profile"]);

    private static T In<T>(string? culture, Func<T> write)
    {
        var (was, wasUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var chosen = new CultureInfo(culture is "ja" or "zh-Hans" ? culture : "en");
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = chosen;
            return write();
        }
        finally
        {
            CultureInfo.CurrentCulture = was;
            CultureInfo.CurrentUICulture = wasUi;
        }
    }
}
