using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Engagement.MessagePack;

namespace Engagement.Bench.MessagePack;

/// <summary>Encode and decode a 30-field nested profile: our MessagePack contract serializer against System.Text.Json.</summary>
[MemoryDiagnoser]
public class ProfileBenchmarks
{
    private readonly Profile _profile = Profile.Sample();
    private readonly MessagePackSerializer _msgpack = MessagePackSerializer.Default;
    private readonly JsonSerializerOptions _jsonReflection = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private byte[] _msgpackBytes = [];
    private byte[] _jsonBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _msgpackBytes = _msgpack.Serialize(_profile);
        _jsonBytes = JsonSerializer.SerializeToUtf8Bytes(_profile, ProfileJsonContext.Default.Profile);
    }

    [Benchmark(Baseline = true)]
    public int Encode_SystemTextJson_SourceGen()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _profile, ProfileJsonContext.Default.Profile);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Encode_SystemTextJson_Reflection()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        JsonSerializer.Serialize(writer, _profile, _jsonReflection);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int Encode_EngagementMessagePack()
    {
        _buffer.ResetWrittenCount();
        _msgpack.Serialize(_buffer, _profile);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public Profile? Decode_SystemTextJson_SourceGen() => JsonSerializer.Deserialize(_jsonBytes, ProfileJsonContext.Default.Profile);

    [Benchmark]
    public Profile? Decode_SystemTextJson_Reflection() => JsonSerializer.Deserialize<Profile>(_jsonBytes, _jsonReflection);

    [Benchmark]
    public Profile Decode_EngagementMessagePack() => _msgpack.Deserialize<Profile>(_msgpackBytes);
}
