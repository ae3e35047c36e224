namespace Engagement.MessagePack;

/// <summary>
/// Marks a class or struct as serializable by <see cref="MessagePackSerializer"/>. Only members
/// carrying <see cref="MessagePackKeyAttribute"/> are serialized; all of them must use integer keys
/// (array form, the most compact) or all string keys (map form, self-describing).
/// </summary>
/// <example>
/// <code>
/// [MessagePackContract]
/// public sealed class Snapshot
/// {
///     [MessagePackKey(0)] public string Id { get; set; } = "";
///     [MessagePackKey(1)] public double Score { get; set; }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class MessagePackContractAttribute : Attribute;
