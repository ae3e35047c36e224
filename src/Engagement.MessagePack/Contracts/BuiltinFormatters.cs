using System.Globalization;

namespace Engagement.MessagePack;

internal delegate void WriteFn<T>(ref MessagePackWriter writer, T value);

internal delegate T ReadFn<T>(ref MessagePackReader reader);

internal sealed class DelegateFormatter<T>(WriteFn<T> write, ReadFn<T> read) : IMessagePackFormatter<T>
{
    public void Write(ref MessagePackWriter writer, T value, MessagePackSerializer serializer) => write(ref writer, value);

    public T Read(ref MessagePackReader reader, MessagePackSerializer serializer) => read(ref reader);
}

/// <summary>Formatters for primitives and common BCL value types.</summary>
internal static class BuiltinFormatters
{
    public static object? For(Type type)
    {
        if (type == typeof(bool)) return new DelegateFormatter<bool>((ref MessagePackWriter w, bool v) => w.Write(v), (ref MessagePackReader r) => r.ReadBoolean());
        if (type == typeof(byte)) return new DelegateFormatter<byte>((ref MessagePackWriter w, byte v) => w.Write(v), (ref MessagePackReader r) => r.ReadByte());
        if (type == typeof(sbyte)) return new DelegateFormatter<sbyte>((ref MessagePackWriter w, sbyte v) => w.Write(v), (ref MessagePackReader r) => r.ReadSByte());
        if (type == typeof(short)) return new DelegateFormatter<short>((ref MessagePackWriter w, short v) => w.Write(v), (ref MessagePackReader r) => r.ReadInt16());
        if (type == typeof(ushort)) return new DelegateFormatter<ushort>((ref MessagePackWriter w, ushort v) => w.Write(v), (ref MessagePackReader r) => r.ReadUInt16());
        if (type == typeof(int)) return new DelegateFormatter<int>((ref MessagePackWriter w, int v) => w.Write(v), (ref MessagePackReader r) => r.ReadInt32());
        if (type == typeof(uint)) return new DelegateFormatter<uint>((ref MessagePackWriter w, uint v) => w.Write(v), (ref MessagePackReader r) => r.ReadUInt32());
        if (type == typeof(long)) return new DelegateFormatter<long>((ref MessagePackWriter w, long v) => w.Write(v), (ref MessagePackReader r) => r.ReadInt64());
        if (type == typeof(ulong)) return new DelegateFormatter<ulong>((ref MessagePackWriter w, ulong v) => w.Write(v), (ref MessagePackReader r) => r.ReadUInt64());
        if (type == typeof(float)) return new DelegateFormatter<float>((ref MessagePackWriter w, float v) => w.Write(v), (ref MessagePackReader r) => r.ReadSingle());
        if (type == typeof(double)) return new DelegateFormatter<double>((ref MessagePackWriter w, double v) => w.Write(v), (ref MessagePackReader r) => r.ReadDouble());
        if (type == typeof(char)) return new DelegateFormatter<char>((ref MessagePackWriter w, char v) => w.Write((ushort)v), (ref MessagePackReader r) => (char)r.ReadUInt16());
        if (type == typeof(string)) return new DelegateFormatter<string?>((ref MessagePackWriter w, string? v) => w.Write(v), (ref MessagePackReader r) => r.ReadString());
        if (type == typeof(byte[])) return new DelegateFormatter<byte[]?>((ref MessagePackWriter w, byte[]? v) => w.Write(v), (ref MessagePackReader r) => r.TryReadNil() ? null : r.ReadBinary().ToArray());
        // decimal has no MessagePack family; its invariant text is exact and portable.
        if (type == typeof(decimal)) return new DelegateFormatter<decimal>((ref MessagePackWriter w, decimal v) => w.Write(v.ToString(CultureInfo.InvariantCulture)), ReadDecimal);
        if (type == typeof(Guid)) return new DelegateFormatter<Guid>(WriteGuid, ReadGuid);
        if (type == typeof(DateTime)) return new DelegateFormatter<DateTime>((ref MessagePackWriter w, DateTime v) => w.Write(v), (ref MessagePackReader r) => r.ReadDateTime());
        // The timestamp extension carries the instant only; the offset travels beside it in minutes.
        if (type == typeof(DateTimeOffset)) return new DelegateFormatter<DateTimeOffset>(WriteDateTimeOffset, ReadDateTimeOffset);
        if (type == typeof(TimeSpan)) return new DelegateFormatter<TimeSpan>((ref MessagePackWriter w, TimeSpan v) => w.Write(v.Ticks), (ref MessagePackReader r) => new TimeSpan(r.ReadInt64()));
        if (type == typeof(DateOnly)) return new DelegateFormatter<DateOnly>((ref MessagePackWriter w, DateOnly v) => w.Write(v.DayNumber), ReadDateOnly);
        if (type == typeof(MessagePackTimestamp)) return new DelegateFormatter<MessagePackTimestamp>((ref MessagePackWriter w, MessagePackTimestamp v) => w.Write(v), (ref MessagePackReader r) => r.ReadTimestamp());
        if (type == typeof(MessagePackValue)) return new DelegateFormatter<MessagePackValue>((ref MessagePackWriter w, MessagePackValue v) => v.WriteTo(ref w), MessagePackValue.Read);
        return null;
    }

    private static decimal ReadDecimal(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        var text = reader.ReadString();
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw reader.CreateError(MessagePackErrorKind.ContractMismatch, start, $"'{text}' is not a decimal");
    }

    private static void WriteGuid(ref MessagePackWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        writer.WriteBinary(bytes);
    }

    private static Guid ReadGuid(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        var bytes = reader.ReadBinary();
        return bytes.Length == 16
            ? new Guid(bytes, bigEndian: true)
            : throw reader.CreateError(MessagePackErrorKind.ContractMismatch, start, $"A Guid needs 16 bytes, found {bytes.Length}");
    }

    private static void WriteDateTimeOffset(ref MessagePackWriter writer, DateTimeOffset value)
    {
        writer.WriteArrayHeader(2);
        writer.Write(value);
        writer.Write((short)value.Offset.TotalMinutes);
    }

    private static DateTimeOffset ReadDateTimeOffset(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        if (reader.ReadArrayHeader() != 2)
            throw reader.CreateError(MessagePackErrorKind.ContractMismatch, start, "A DateTimeOffset is an array of [timestamp, offset minutes]");
        var utc = reader.ReadDateTime();
        var minutes = reader.ReadInt16();
        if (minutes is < -840 or > 840)
            throw reader.CreateError(MessagePackErrorKind.ContractMismatch, start, $"Offset {minutes} minutes is outside ±14 hours");
        var offset = TimeSpan.FromMinutes(minutes);
        var local = utc.Ticks + offset.Ticks;
        if (local < DateTime.MinValue.Ticks || local > DateTime.MaxValue.Ticks)
            throw reader.CreateError(MessagePackErrorKind.Overflow, start, "The local time is outside the range of DateTimeOffset");
        return new DateTimeOffset(utc).ToOffset(offset);
    }

    private static DateOnly ReadDateOnly(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        var day = reader.ReadInt32();
        return day >= 0 && day <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber(day)
            : throw reader.CreateError(MessagePackErrorKind.Overflow, start, $"Day number {day} is outside the range of DateOnly");
    }
}
