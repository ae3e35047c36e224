namespace Engagement.MessagePack;

/// <summary>The header of an extension value: its application type code and payload length.</summary>
/// <param name="Type">The extension type (-128 to 127; negative types are reserved by the specification, -1 is the timestamp).</param>
/// <param name="Length">The payload length in bytes.</param>
public readonly record struct MessagePackExtensionHeader(sbyte Type, int Length);
