namespace FastTrack.Domain.Common;

/// <summary>One field of a record before and after a change, for history and import previews.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

internal sealed class ChangeSet
{
    private readonly List<FieldChange> _items = [];

    public IReadOnlyList<FieldChange> Items => _items;
    public int Count => _items.Count;

    public ChangeSet Track<T>(string field, T before, T after)
    {
        var b = before?.ToString();
        var a = after?.ToString();
        if (!string.Equals(b ?? "", a ?? "", StringComparison.Ordinal)) _items.Add(new FieldChange(field, b, a));
        return this;
    }
}
