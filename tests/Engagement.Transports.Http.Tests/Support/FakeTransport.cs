using System.Collections.Concurrent;
using Engagement.Messaging;

namespace Engagement.Transports.Http.Tests.Support;

/// <summary>A hand-written transport whose answer is scripted per call.</summary>
internal sealed class FakeTransport(string name, Func<OutboundSms, SendResult>? answer = null) : ISmsTransport
{
    public string Name { get; } = name;

    public ConcurrentQueue<string> Sent { get; } = new();

    public Func<OutboundSms, SendResult> Answer { get; set; } = answer ?? (m => SendResult.Success(name + ":" + m.MessageId));

    public ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message.MessageId);
        return ValueTask.FromResult(Answer(message));
    }
}
