using System.Text.Json;
using BenchmarkDotNet.Running;
using Engagement.Bench.MessagePack;
using Engagement.MessagePack;

// Sizes first (deterministic), then BenchmarkDotNet.
var profile = Profile.Sample();
var msgpack = MessagePackSerializer.Default.Serialize(profile);
var json = JsonSerializer.SerializeToUtf8Bytes(profile, ProfileJsonContext.Default.Profile);
Console.WriteLine($"size: Engagement.MessagePack {msgpack.Length} B, System.Text.Json {json.Length} B ({(double)msgpack.Length / json.Length:P0})");
if (args.Contains("--sizes-only"))
    return;
if (args.Contains("--dump-json"))
{
    Console.WriteLine(System.Text.Encoding.UTF8.GetString(json));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ProfileBenchmarks).Assembly).Run(args);
