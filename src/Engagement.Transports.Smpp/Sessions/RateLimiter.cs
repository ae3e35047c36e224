namespace Engagement.Transports.Smpp.Sessions;

/// <summary>Spaces submits evenly to at most a given number per second (0 = unlimited), with a small burst allowance.</summary>
internal sealed class RateLimiter(double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly double _interval = perSecond > 0 ? 1.0 / perSecond : 0;
    private double _next; // seconds on the provider's timestamp scale

    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_interval == 0) return ValueTask.CompletedTask;
        double wait;
        lock (_gate)
        {
            var now = (double)time.GetTimestamp() / time.TimestampFrequency;
            // Idle time earns at most a burst of 10 slots, so a pause does not become a flood.
            _next = Math.Max(_next, now - 10 * _interval);
            wait = _next - now;
            _next += _interval;
        }
        return wait <= 0 ? ValueTask.CompletedTask : new ValueTask(Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken));
    }
}
