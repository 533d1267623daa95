using System.Runtime.CompilerServices;
using FluentValidation;

namespace FastTrack.Common;

/// <summary>FluentValidation's settings for every validator of the app, set when the assembly loads (tests included).</summary>
internal static class ValidationDefaults
{
    // A field gets the first message that applies ("Enter the name."), and the rules after it (a uniqueness query on a
    // blank name) do not run on a value already refused.
#pragma warning disable CA2255 // The app's own library: every host and test of it must see the same validation.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
}
