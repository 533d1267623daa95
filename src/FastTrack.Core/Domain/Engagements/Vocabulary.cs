namespace FastTrack.Domain.Engagements;

public enum EngagementMotion { CustomerHealth, Rfa, Targeting }

public enum EngagementState { Active, Completed, Disengaged }

public enum EngagementTaskStatus { NotStarted, InProgress, Completed, NotApplicable, Blocked }

/// <summary>The four outcomes of the success review (task 3735), from the Conduct Success Review page.</summary>
public enum SuccessReviewOutcome
{
    /// <summary>Continue the engagement through more business value discussions (BVD).</summary>
    ContinueBusinessValueDiscussions,
    /// <summary>Enable additional workloads through FastTrack: a new cycle starts at Initiate.</summary>
    EnableAdditionalWorkloads,
    /// <summary>Hand ongoing usage and adoption to the Customer Success Manager.</summary>
    HandToCsm,
    /// <summary>The customer disengages from FastTrack.</summary>
    Disengage,
}

/// <summary>Status of one SSAT factor (stakeholders, scenarios, awareness, training) for one service.</summary>
public enum SsatStatus { NotStarted, InProgress, InPlace }

public static class EngagementVocabulary
{
    public static string MotionName(EngagementMotion m) => m switch
    {
        EngagementMotion.CustomerHealth => "Customer Health",
        EngagementMotion.Rfa => "RFA",
        _ => "Targeting",
    };

    public static string StatusName(EngagementTaskStatus s) => s switch
    {
        EngagementTaskStatus.NotStarted => "Not started",
        EngagementTaskStatus.InProgress => "In progress",
        EngagementTaskStatus.Completed => "Completed",
        EngagementTaskStatus.NotApplicable => "Not applicable",
        _ => "Blocked",
    };

    public static string OutcomeName(SuccessReviewOutcome o) => o switch
    {
        SuccessReviewOutcome.ContinueBusinessValueDiscussions => "Continue with business value discussions",
        SuccessReviewOutcome.EnableAdditionalWorkloads => "Enable additional workloads through FastTrack",
        SuccessReviewOutcome.HandToCsm => "Hand ongoing adoption to the CSM",
        _ => "Disengage",
    };

    public static string SsatName(SsatStatus s) => s switch
    {
        SsatStatus.NotStarted => "Not started",
        SsatStatus.InProgress => "In progress",
        _ => "In place",
    };

    /// <summary>The business reasons a DIBS may name (the picklist of the kickoff).</summary>
    public static readonly string[] BusinessReasons =
    [
        "Collaboration and teamwork", "Productivity", "Cost reduction", "Security and compliance",
        "Mobility and remote work", "Modernisation or end of support", "Other",
    ];
}

/// <summary>Catalogue names the rules refer to (phases and processes are data; these are the playbook's own).</summary>
public static class PlaybookNames
{
    public const string ConductSuccessReview = "Conduct Success Review";
    public const int FirstContactTask = 3616;
    public const int SuccessReviewTask = 3735;
}
