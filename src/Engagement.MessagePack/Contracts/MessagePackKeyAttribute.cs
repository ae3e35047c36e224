namespace Engagement.MessagePack;

/// <summary>
/// The key of a serialized property or field: an integer (its index in the array form) or a
/// string (its key in the map form). Keys are the wire contract: never reuse a retired key for a
/// different meaning; new members get new keys, and readers skip keys they do not know.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = true)]
public sealed class MessagePackKeyAttribute : Attribute
{
    /// <summary>An integer key (array form): the member's index, 0 or more.</summary>
    public MessagePackKeyAttribute(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
    }

    /// <summary>A string key (map form).</summary>
    public MessagePackKeyAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The integer key, or null for a string key.</summary>
    public int? Index { get; }

    /// <summary>The string key, or null for an integer key.</summary>
    public string? Name { get; }
}
