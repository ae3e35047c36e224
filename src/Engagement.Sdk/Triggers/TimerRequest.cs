namespace Engagement.Triggers;

/// <summary>A timer to schedule: at <paramref name="DueAt"/> the engine raises a <c>timer</c> event for the user.</summary>
/// <param name="Name">Timer name (<c>cart_abandoned</c>); the event's <c>timer</c> property.</param>
/// <param name="Key">Entity key (<c>cart-42</c>); the event's <c>key</c> property. Name + user + key identify the timer; scheduling again replaces it.</param>
/// <param name="DueAt">When it fires.</param>
public sealed record TimerRequest(string Name, string Key, DateTimeOffset DueAt);
