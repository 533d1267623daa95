using FastTrack.Domain.Common;

namespace FastTrack.Domain.Catalogue;

/// <summary>A service (workload) of the vocabulary: Teams, Exchange, SharePoint …</summary>
public class Service
{
    private Service() { }

    public Service(string name) => Name = Guard.Name(name, "Service name");

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
}

public static class ServiceNames
{
    public const string All = "All Services";
    public const string Teams = "Teams";
    public const string Yammer = "Yammer";
    public const string OutlookMobile = "Outlook Mobile";
    public const string OneDrive = "OneDrive for Business";
    public const string SharePoint = "SharePoint";
    public const string Exchange = "Exchange";

    /// <summary>The vocabulary seeded on first start; the catalogue file may name more.</summary>
    public static readonly string[] Seed =
    [
        Teams, Exchange, SharePoint, OneDrive, Yammer, OutlookMobile, "Office 365 ProPlus", "Office ProPlus",
        "Windows 10", "Intune", "AADP", "Core Onboarding",
    ];

    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string FastTrackManager = "FastTrackManager";
    public const string Partner = "Partner";

    public static readonly string[] All = [Admin, FastTrackManager, Partner];
}

public static class Motions
{
    public static readonly string[] All = ["Customer Health", "RFA", "Targeting"];
}
