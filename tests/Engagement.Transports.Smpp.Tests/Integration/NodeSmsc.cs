using Engagement.Messaging;
using Engagement.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Transports.Smpp.Tests.Integration;

/// <summary>Starts tests/peers/smpp-server.js (node-smpp) on 127.0.0.1 with a free port.</summary>
internal sealed class NodeSmsc : IDisposable
{
    private readonly NodeProcess _node;

    public NodeSmsc(string extraArgs = "")
    {
        _node = NodePeers.Start("smpp-server.js", $"--port 0 --system-id test --password secret {extraArgs}", "READY port=");
        Port = int.Parse(_node.ReadyLine["READY port=".Length..]);
    }

    public int Port { get; }

    public SmppOptions Options(Action<SmppOptions>? tweak = null)
    {
        var o = new SmppOptions
        {
            Host = "127.0.0.1", Port = Port, SystemId = "test", Password = "secret",
            ResponseTimeout = TimeSpan.FromSeconds(5), ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500), SendWaitForBind = TimeSpan.FromSeconds(10),
            ThrottleBackoff = TimeSpan.FromMilliseconds(20),
        };
        tweak?.Invoke(o);
        return o;
    }

    public SmppTransport Transport(ISmsFeedback feedback, Action<SmppOptions>? tweak = null) =>
        new(Options(tweak), feedback, NullLogger<SmppTransport>.Instance, TimeProvider.System);

    public void Command(string line)
    {
        _node.StandardInput.WriteLine(line);
        _node.StandardInput.Flush();
    }

    /// <summary>Reads stdout lines starting with <paramref name="prefix"/> until <paramref name="count"/> are found.</summary>
    public List<string> ReadLines(string prefix, int count, int seconds = 20)
    {
        var lines = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (lines.Count < count && DateTime.UtcNow < deadline)
        {
            var line = _node.ReadLine(deadline - DateTime.UtcNow);
            if (line is null) break;
            if (line.StartsWith(prefix, StringComparison.Ordinal)) lines.Add(line[prefix.Length..]);
        }
        Assert.True(lines.Count == count, $"expected {count} '{prefix}' lines from node-smpp, got {lines.Count}. stderr: {_node.StdErrSoFar()}");
        return lines;
    }

    public void Dispose() => _node.Dispose();
}
