namespace Engagement.Rules;

/// <summary>Sets a rule's name (default: the class name).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NameAttribute(string value) : Attribute
{
    /// <summary>The rule name.</summary>
    public string Value { get; } = value;
}

/// <summary>Sets a rule's description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DescriptionAttribute(string value) : Attribute
{
    /// <summary>The description.</summary>
    public string Value { get; } = value;
}

/// <summary>Adds a tag to a rule (may be repeated).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class TagAttribute(string value) : Attribute
{
    /// <summary>The tag.</summary>
    public string Value { get; } = value;
}

/// <summary>Sets a rule's priority (salience). Higher fires first; the default is 0.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PriorityAttribute(int value) : Attribute
{
    /// <summary>The priority.</summary>
    public int Value { get; } = value;
}
