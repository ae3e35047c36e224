namespace Engagement.MessagePack;

/// <summary>
/// Limits that protect a reader from hostile or corrupt input. Every limit is checked before
/// memory is allocated for the value, and a breach raises <see cref="MessagePackException"/>
/// with <see cref="MessagePackErrorKind.LimitExceeded"/> naming the limit.
/// </summary>
/// <example>
/// <code>
/// var options = new MessagePackReaderOptions { MaxDepth = 16, MaxStringBytes = 4096 };
/// var reader = new MessagePackReader(bytes, options);
/// </code>
/// </example>
public sealed record MessagePackReaderOptions
{
    /// <summary>The defaults: depth 64, 1,000,000 items per collection, 1 MiB strings, 16 MiB binaries and extensions.</summary>
    public static MessagePackReaderOptions Default { get; } = new();

    /// <summary>Maximum nesting of arrays and maps (default 64). A top-level array is depth 1.</summary>
    public int MaxDepth { get; init => field = Positive(value); } = 64;

    /// <summary>Maximum number of elements in one array, or entries in one map (default 1,000,000).</summary>
    public int MaxCollectionLength { get; init => field = Positive(value); } = 1_000_000;

    /// <summary>Maximum size in bytes of one UTF-8 string (default 1 MiB).</summary>
    public int MaxStringBytes { get; init => field = Positive(value); } = 1 << 20;

    /// <summary>Maximum size in bytes of one bin value (default 16 MiB).</summary>
    public int MaxBinaryBytes { get; init => field = Positive(value); } = 16 << 20;

    /// <summary>Maximum size in bytes of one extension payload (default 16 MiB).</summary>
    public int MaxExtensionBytes { get; init => field = Positive(value); } = 16 << 20;

    private static int Positive(int value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
