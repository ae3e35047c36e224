using System.Collections;

namespace Engagement.Engine;

/// <summary>
/// The properties of the engine's own timer event, <c>timer</c> (the timer's name) and <c>key</c>,
/// as two fields: a timer event is made for every timer that fires, and a dictionary for two
/// fixed names was the larger part of what it allocated.
/// </summary>
internal sealed class TimerEventProperties(string timer, string key) : IReadOnlyDictionary<string, object?>
{
    public const string TimerName = "timer";
    public const string KeyName = "key";

    public object? this[string name] => TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"A timer event has no property '{name}'.");

    public IEnumerable<string> Keys => [TimerName, KeyName];

    public IEnumerable<object?> Values => [timer, key];

    public int Count => 2;

    public bool ContainsKey(string name) => name is TimerName or KeyName;

    public bool TryGetValue(string name, out object? value)
    {
        switch (name)
        {
            case TimerName: value = timer; return true;
            case KeyName: value = key; return true;
            default: value = null; return false;
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return new(TimerName, timer);
        yield return new(KeyName, key);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{{ timer = {timer}, key = {key} }}";
}
