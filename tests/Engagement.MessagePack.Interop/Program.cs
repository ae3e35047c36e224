using Engagement.MessagePack;

// Usage:
//   dotnet run -c Release --project tests/Engagement.MessagePack.Interop -- reencode < IN > OUT
//   dotnet run -c Release --project tests/Engagement.MessagePack.Interop -- dump < IN
// reencode: reads one MessagePack document of any shape into the schema-less model and writes it
// back in the shortest forms. dump: prints the document as JSON-like text.
// Exit codes: 0 ok, 2 malformed input (error and byte offset on stderr), 64 usage.
if (args.Length != 1 || args[0] is not ("reencode" or "dump"))
{
    Console.Error.WriteLine("usage: Engagement.MessagePack.Interop reencode|dump < document.msgpack");
    return 64;
}

using var input = new MemoryStream();
using (var stdin = Console.OpenStandardInput())
    stdin.CopyTo(input);

MessagePackValue value;
try
{
    value = MessagePackValue.Parse(input.GetBuffer().AsSpan(0, (int)input.Length));
}
catch (MessagePackException ex)
{
    Console.Error.WriteLine($"error: {ex.Kind} at offset {ex.Offset}: {ex.Message}");
    return 2;
}

if (args[0] == "dump")
{
    Console.Out.WriteLine(value.ToString());
    return 0;
}

using var stdout = Console.OpenStandardOutput();
stdout.Write(value.ToBytes());
return 0;
