namespace FastTrack.Features.Account;

/// <summary>How people sign in in this deployment ("LocalPasswords", docs/decisions/0018-single-sign-on.md).</summary>
public sealed class SignInOptions
{
    /// <summary>False: only single sign-on; password sign-in, changes and resets are refused (the first-run /Setup still works).</summary>
    public bool LocalPasswords { get; set; } = true;
}
