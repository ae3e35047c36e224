namespace Engagement.Transports.Http;

using Engagement.Messaging;

/// <summary>
/// Delivery rate per provider over a sliding window of final delivery reports; the router demotes providers below
/// the threshold until their rate recovers. With <c>AddSmsRouter</c> every transport's reports reach it: webhooks
/// through <see cref="SmsWebhookProcessor"/>, SMPP receipts (and any transport registered under a name that takes
/// the <see cref="ISmsFeedback"/> keyed by its name) through <see cref="Observing"/>. A report seen twice for the
/// same message (a vendor re-posting a callback, a second path) counts once while that message is in the window.
/// </summary>
public sealed class SmsDeliveryHealth
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly int _size;
    private readonly int _minimum;
    private readonly double _threshold;

    /// <summary>Creates a tracker keeping <paramref name="window"/> final reports per provider.</summary>
    public SmsDeliveryHealth(int window = 200, int minimumReports = 50, double threshold = 0.98)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumReports, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumReports, window);
        _size = window;
        _minimum = minimumReports;
        _threshold = threshold;
    }

    /// <summary>Records a report; intermediate (pending) reports and repeats of a message already in the window are ignored.</summary>
    public void Observe(DeliveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsFinal) return;
        lock (_gate)
        {
            if (!_windows.TryGetValue(report.Transport, out var w)) _windows[report.Transport] = w = new Window(_size);
            w.Add(report.ProviderMessageId, report.State == DeliveryState.Delivered);
        }
    }

    /// <summary>
    /// An <see cref="ISmsFeedback"/> that records each delivery report here, then hands it to <paramref name="inner"/>;
    /// inbound messages pass straight through. For transports built without dependency injection.
    /// </summary>
    public ISmsFeedback Observing(ISmsFeedback inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new Routing.HealthObservingFeedback(this, inner);
    }

    /// <summary>The delivery rate and report count for a provider; rate is null before any final report.</summary>
    public (double? Rate, int Reports) Get(string transport)
    {
        lock (_gate)
            return _windows.TryGetValue(transport, out var w) && w.Count > 0 ? ((double)w.Delivered / w.Count, w.Count) : (null, 0);
    }

    /// <summary>True when the provider has enough reports and its rate is below the threshold.</summary>
    public bool IsDemoted(string transport)
    {
        var (rate, n) = Get(transport);
        return n >= _minimum && rate < _threshold;
    }

    private sealed class Window(int size)
    {
        private readonly (string Id, bool Delivered)[] _ring = new (string, bool)[size];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private int _next;
        public int Count { get; private set; }
        public int Delivered { get; private set; }

        public void Add(string id, bool delivered)
        {
            if (!_ids.Add(id)) return;
            if (Count == _ring.Length)
            {
                var old = _ring[_next];
                _ids.Remove(old.Id);
                if (old.Delivered) Delivered--;
            }
            else Count++;
            _ring[_next] = (id, delivered);
            if (delivered) Delivered++;
            _next = (_next + 1) % _ring.Length;
        }
    }
}
