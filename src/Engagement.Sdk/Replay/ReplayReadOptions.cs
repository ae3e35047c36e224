namespace Engagement.Replay;

/// <summary>How the JSON-lines readers treat bad lines.</summary>
public sealed class ReplayReadOptions
{
    /// <summary>The name errors start with (usually the file name). Default <c>input</c>.</summary>
    public string Source { get; set; } = "input";

    /// <summary>True: the first bad line throws <see cref="ReplayInputException"/>. False (default): it is skipped and passed to <see cref="OnError"/>.</summary>
    public bool Strict { get; set; }

    /// <summary>Called for every skipped line when not <see cref="Strict"/>.</summary>
    public Action<ReplayLineError>? OnError { get; set; }

    /// <summary>Longest line accepted, in characters. Default 1,048,576.</summary>
    public int MaxLineLength { get; set; } = 1 << 20;
}
