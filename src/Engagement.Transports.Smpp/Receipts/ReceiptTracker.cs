using System.Globalization;
using Engagement.Messaging;

namespace Engagement.Transports.Smpp.Receipts;

/// <summary>
/// Matches receipts to what was sent. A message of several parts is reported delivered when every
/// part is, and failed as soon as one part fails. A receipt that arrives before its
/// submit_sm_resp is kept and matched when the id is registered. Ids are compared without case,
/// padding or leading zeros, and a decimal receipt id also matches a hex submit id (and back),
/// because SMSCs are known to print the same id in the other base.
/// </summary>
internal sealed class ReceiptTracker
{
    private sealed class Group(string primaryId, int total, DateTimeOffset registered)
    {
        public string PrimaryId { get; } = primaryId;
        public DeliveryState?[] States { get; } = new DeliveryState?[total];
        public bool Reported { get; set; }
        public DateTimeOffset Registered { get; } = registered;
    }

    private readonly record struct Early(DeliveryState State, DateTimeOffset OccurredAt, string? Error, string? Detail, DateTimeOffset Received);

    // The binds of a pool all feed one tracker. A single lock made every submit_sm_resp and receipt
    // of every bind queue on it, so ids are spread over stripes, each with its own lock and maps; a
    // message's parts can live in different stripes, so a group's states are guarded by the group.
    // Lock order is always stripe, then group.
    private sealed class Stripe
    {
        public readonly Dictionary<string, (Group Group, int Index)> Parts = new(StringComparer.Ordinal);
        public readonly Dictionary<string, List<Early>> Early = new(StringComparer.Ordinal);
        public readonly Queue<(string Key, DateTimeOffset At)> Expiry = new();
    }

    private readonly string _transport;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private readonly int _maxEarlyPerStripe;
    private readonly Stripe[] _stripes;
    private long _nextFullPurge;
    private long _duplicates, _unmatched, _matched;

    public ReceiptTracker(string transport, TimeProvider time, TimeSpan retention, int maxEarly = 200_000, int stripes = 32)
    {
        if (stripes < 1 || (stripes & (stripes - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(stripes), stripes, "a power of two");
        _transport = transport;
        _time = time;
        _retention = retention;
        _stripes = new Stripe[stripes];
        for (var i = 0; i < stripes; i++) _stripes[i] = new Stripe();
        _maxEarlyPerStripe = Math.Max(1, maxEarly / stripes);
    }

    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Matched => Interlocked.Read(ref _matched);
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public int PendingEarly
    {
        get
        {
            var n = 0;
            foreach (var s in _stripes) lock (s) n += s.Early.Count;
            return n;
        }
    }

    private Stripe StripeOf(string key) => _stripes[StringComparer.Ordinal.GetHashCode(key) & (_stripes.Length - 1)];

    /// <summary>Registers the ids of a sent message's parts; returns reports that early receipts now complete.</summary>
    public List<DeliveryReport> Register(IReadOnlyList<string> partIds)
    {
        var reports = new List<DeliveryReport>();
        var now = _time.GetUtcNow();
        PurgeAllIfDue(now);
        var group = new Group(partIds[0], partIds.Count, now);
        for (var i = 0; i < partIds.Count; i++)
        {
            var forms = Forms(partIds[i]);
            for (var f = 0; f < forms.Count; f++)
            {
                var stripe = StripeOf(forms[f]);
                lock (stripe)
                {
                    if (f == 0) stripe.Parts[forms[f]] = (group, i);
                    else stripe.Parts.TryAdd(forms[f], (group, i));
                    stripe.Expiry.Enqueue((forms[f], now));
                    if (!stripe.Early.Remove(forms[f], out var early)) continue;
                    foreach (var e in early) Apply(group, i, e.State, e.OccurredAt, e.Error, e.Detail, reports);
                }
            }
        }
        return reports;
    }

    /// <summary>Applies one receipt; returns the report to hand on, or null (duplicate, intermediate part state, or not yet matched).</summary>
    public DeliveryReport? OnReceipt(string id, DeliveryState state, DateTimeOffset occurredAt, string? error, string? detail)
    {
        var reports = new List<DeliveryReport>(1);
        var key = Forms(id)[0];
        var stripe = StripeOf(key);
        lock (stripe)
        {
            if (stripe.Parts.TryGetValue(key, out var part))
            {
                Apply(part.Group, part.Index, state, occurredAt, error, detail, reports);
            }
            else
            {
                var now = _time.GetUtcNow();
                Purge(stripe, now, force: stripe.Early.Count >= _maxEarlyPerStripe);
                if (!stripe.Early.TryGetValue(key, out var list)) stripe.Early[key] = list = [];
                list.Add(new Early(state, occurredAt, error, detail, now));
                stripe.Expiry.Enqueue((key, now));
            }
        }
        return reports.Count > 0 ? reports[0] : null;
    }

    private void Apply(Group group, int index, DeliveryState state, DateTimeOffset occurredAt, string? error, string? detail, List<DeliveryReport> reports)
    {
        lock (group)
        {
            var previous = group.States[index];
            if (previous is not null and not DeliveryState.Pending)
            {
                Interlocked.Increment(ref _duplicates);
                return;
            }
            group.States[index] = state;
            if (group.Reported) return;
            Interlocked.Increment(ref _matched);
            var total = group.States.Length;
            if (state is DeliveryState.Pending)
            {
                if (total == 1 && previous is null) reports.Add(new DeliveryReport(_transport, group.PrimaryId, state, occurredAt, error, detail));
                return;
            }
            if (state is not DeliveryState.Delivered)
            {
                group.Reported = true;
                var partNote = total > 1 ? $"part {index + 1} of {total}: " : "";
                reports.Add(new DeliveryReport(_transport, group.PrimaryId, state, occurredAt, error, partNote + detail));
                return;
            }
            foreach (var s in group.States) if (s is not DeliveryState.Delivered) return;
            group.Reported = true;
            reports.Add(new DeliveryReport(_transport, group.PrimaryId, DeliveryState.Delivered, occurredAt, error, detail));
        }
    }

    /// <summary>Every so often (a tenth of the retention, at most once a minute) sweeps every stripe, so quiet stripes forget too.</summary>
    private void PurgeAllIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextFullPurge);
        if (now.UtcTicks < due) return;
        var next = now.UtcTicks + Math.Min(_retention.Ticks / 10, TimeSpan.TicksPerMinute);
        if (Interlocked.CompareExchange(ref _nextFullPurge, next, due) != due) return;
        foreach (var stripe in _stripes) lock (stripe) Purge(stripe, now);
    }

    private void Purge(Stripe stripe, DateTimeOffset now, bool force = false)
    {
        while (stripe.Expiry.Count > 0 && (force || now - stripe.Expiry.Peek().At > _retention))
        {
            var (key, _) = stripe.Expiry.Dequeue();
            if (stripe.Early.Remove(key, out var list)) Interlocked.Add(ref _unmatched, list.Count);
            else if (stripe.Parts.TryGetValue(key, out var p) && now - p.Group.Registered > _retention) stripe.Parts.Remove(key);
            force = false;
        }
    }

    /// <summary>The canonical form first (trimmed, lower case, no leading zeros), then the same number in the other base.</summary>
    internal static List<string> Forms(string id)
    {
        var s = id.Trim().ToLowerInvariant();
        var stripped = s.TrimStart('0');
        var canonical = stripped.Length == 0 ? (s.Length > 0 ? "0" : "") : stripped;
        var forms = new List<string>(3) { canonical };
        if (canonical.Length is > 0 and <= 16 && ulong.TryParse(canonical, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var asHex))
        {
            var dec = asHex.ToString(CultureInfo.InvariantCulture);
            if (dec != canonical) forms.Add(dec);
        }
        if (canonical.Length is > 0 and <= 19 && ulong.TryParse(canonical, NumberStyles.None, CultureInfo.InvariantCulture, out var asDec))
        {
            var hex = asDec.ToString("x", CultureInfo.InvariantCulture);
            if (hex != canonical && !forms.Contains(hex)) forms.Add(hex);
        }
        return forms;
    }
}
