namespace FastTrack.Common;

/// <summary>
/// A configuration value the app cannot start with. Its message is one line that names the key and says what is
/// allowed; the host prints it instead of a stack trace (Program.cs).
/// </summary>
public sealed class InvalidSettingException(string key, string problem) : Exception($"{key} {problem}.")
{
    public string Key { get; } = key;
}
