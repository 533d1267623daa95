namespace FastTrack.Domain.Common;

internal static class Guard
{
    public static string Name(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainException($"{what} is required.");
        return value.Trim();
    }

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
