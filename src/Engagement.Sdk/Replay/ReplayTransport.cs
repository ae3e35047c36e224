using Engagement.Messaging;

namespace Engagement.Replay;

/// <summary>
/// The replay's only transport: it accepts every message and records when the dispatcher handed it
/// over (the simulated time). Nothing leaves the process.
/// </summary>
internal sealed class ReplayTransport(TimeProvider clock) : ISmsTransport
{
    private readonly Dictionary<string, DateTimeOffset> _sentAt = new(StringComparer.Ordinal);

    public string Name => "replay";

    /// <summary>Hand-overs, counting a repeat of the same message id again.</summary>
    public int Calls { get; private set; }

    /// <summary>Distinct messages sent.</summary>
    public int Count => _sentAt.Count;

    public ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls++;
        _sentAt.TryAdd(message.MessageId, clock.GetUtcNow());
        return ValueTask.FromResult(SendResult.Success("replay-" + Calls.ToString(System.Globalization.CultureInfo.InvariantCulture), Text.SmsText.Measure(message.Text).Segments));
    }

    /// <summary>When the message was first handed over, if it was.</summary>
    public bool TryGetSentAt(string messageId, out DateTimeOffset at) => _sentAt.TryGetValue(messageId, out at);
}
