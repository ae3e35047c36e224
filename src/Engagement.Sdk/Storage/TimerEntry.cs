namespace Engagement.Storage;

/// <summary>A scheduled timer for a user.</summary>
/// <param name="UserId">Whose timer.</param>
/// <param name="Name">Timer name.</param>
/// <param name="Key">Entity key.</param>
/// <param name="DueAt">When it fires.</param>
public sealed record TimerEntry(string UserId, string Name, string Key, DateTimeOffset DueAt)
{
    /// <summary>Identity of the timer: scheduling the same id again replaces it.</summary>
    public string Id => IdOf(Name, UserId, Key);

    /// <summary>Separates name, user and key in an <see cref="Id"/> (U+001F, the unit separator).</summary>
    internal const char IdSeparator = '\u001f';

    /// <summary>The <see cref="Id"/> of a timer with these parts.</summary>
    internal static string IdOf(string name, string userId, string key) => $"{name}{IdSeparator}{userId}{IdSeparator}{key}";
}
