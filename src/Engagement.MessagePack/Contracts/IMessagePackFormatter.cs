namespace Engagement.MessagePack;

/// <summary>
/// Writes and reads one .NET type. Register your own with
/// <see cref="MessagePackSerializerOptions.AddFormatter{T}"/> for types the contract model cannot describe.
/// </summary>
/// <typeparam name="T">The type handled.</typeparam>
public interface IMessagePackFormatter<T>
{
    /// <summary>Writes <paramref name="value"/> as exactly one MessagePack value.</summary>
    void Write(ref MessagePackWriter writer, T value, MessagePackSerializer serializer);

    /// <summary>Reads exactly one MessagePack value. Raise <see cref="MessagePackException"/> (see <see cref="MessagePackReader.CreateError"/>) for input that does not fit.</summary>
    T Read(ref MessagePackReader reader, MessagePackSerializer serializer);
}
