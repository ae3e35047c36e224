namespace Engagement.Replay;

/// <summary>A value read from one line of a JSON-lines file.</summary>
/// <typeparam name="T">What the line holds.</typeparam>
/// <param name="Line">1-based line number.</param>
/// <param name="Value">The parsed value.</param>
public readonly record struct ReplayLine<T>(int Line, T Value);
