namespace Engagement.MessagePack;

public readonly partial struct MessagePackValue
{
    /// <summary>Reads the next value of any shape, enforcing the reader's limits.</summary>
    /// <exception cref="MessagePackException">Malformed, truncated or over-limit input.</exception>
    public static MessagePackValue Read(ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return Nil;
            case MessagePackType.Boolean:
                return FromBoolean(reader.ReadBoolean());
            case MessagePackType.Integer:
                return code == MessagePackCode.UInt64 ? FromInteger(reader.ReadUInt64()) : FromInteger(reader.ReadInt64());
            case MessagePackType.Float:
                return code == MessagePackCode.Float32 ? FromSingle(reader.ReadSingle()) : FromDouble(reader.ReadDouble());
            case MessagePackType.String:
                return FromString(reader.ReadString());
            case MessagePackType.Binary:
                return FromBinary(reader.ReadBinary().ToArray());
            case MessagePackType.Array:
                {
                    var count = reader.ReadArrayHeader();
                    reader.IncrementDepth();
                    var items = new MessagePackValue[count];
                    for (var i = 0; i < count; i++)
                        items[i] = Read(ref reader);
                    reader.DecrementDepth();
                    return FromArray(items);
                }
            case MessagePackType.Map:
                {
                    var count = reader.ReadMapHeader();
                    reader.IncrementDepth();
                    var entries = new KeyValuePair<MessagePackValue, MessagePackValue>[count];
                    for (var i = 0; i < count; i++)
                    {
                        var key = Read(ref reader);
                        entries[i] = new(key, Read(ref reader));
                    }
                    reader.DecrementDepth();
                    return FromMap(entries);
                }
            default:
                {
                    var copy = reader;
                    var header = copy.ReadExtensionHeader();
                    if (header.Type == MessagePackCode.TimestampExtensionType)
                        return FromTimestamp(reader.ReadTimestamp());
                    var data = reader.ReadExtension(out var type);
                    return new(MessagePackValueKind.Extension, type, 0, data.ToArray());
                }
        }
    }

    /// <summary>Writes the value in the shortest forms.</summary>
    public void WriteTo(ref MessagePackWriter writer)
    {
        switch (Kind)
        {
            case MessagePackValueKind.Nil: writer.WriteNil(); break;
            case MessagePackValueKind.Boolean: writer.Write(_bits != 0); break;
            case MessagePackValueKind.Integer: writer.Write(_bits); break;
            case MessagePackValueKind.UnsignedInteger: writer.Write(unchecked((ulong)_bits)); break;
            case MessagePackValueKind.Float32: writer.Write(BitConverter.Int32BitsToSingle((int)_bits)); break;
            case MessagePackValueKind.Float64: writer.Write(BitConverter.Int64BitsToDouble(_bits)); break;
            case MessagePackValueKind.String:
                // Re-encode the exact UTF-8 of the text (always valid: it came from a string).
                writer.Write((string)_ref!);
                break;
            case MessagePackValueKind.Binary: writer.WriteBinary((byte[])_ref!); break;
            case MessagePackValueKind.Extension: writer.WriteExtension((sbyte)_bits, (byte[])_ref!); break;
            case MessagePackValueKind.Timestamp: writer.Write(new MessagePackTimestamp(_bits, _extra)); break;
            case MessagePackValueKind.Array:
                var items = AsArray();
                writer.WriteArrayHeader(items.Count);
                for (var i = 0; i < items.Count; i++)
                    items[i].WriteTo(ref writer);
                break;
            default:
                var entries = AsMap();
                writer.WriteMapHeader(entries.Count);
                for (var i = 0; i < entries.Count; i++)
                {
                    entries[i].Key.WriteTo(ref writer);
                    entries[i].Value.WriteTo(ref writer);
                }
                break;
        }
    }
}
