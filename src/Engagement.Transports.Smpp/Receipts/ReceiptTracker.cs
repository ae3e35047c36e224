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
internal sealed class ReceiptTracker(string transport, TimeProvider time, TimeSpan retention, int maxEarly = 200_000)
{
    private sealed class Group(string primaryId, int total)
    {
        public string PrimaryId { get; } = primaryId;
        public DeliveryState?[] States { get; } = new DeliveryState?[total];
        public bool Reported { get; set; }
        public DateTimeOffset Registered { get; init; }
    }

    private readonly record struct Early(DeliveryState State, DateTimeOffset OccurredAt, string? Error, string? Detail, DateTimeOffset Received);

    private readonly object _gate = new();
    private readonly Dictionary<string, (Group Group, int Index)> _parts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Early>> _early = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _expiry = new();
    private long _duplicates, _unmatched, _matched;

    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Matched => Interlocked.Read(ref _matched);
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public int PendingEarly
    {
        get { lock (_gate) return _early.Count; }
    }

    /// <summary>Registers the ids of a sent message's parts; returns reports that early receipts now complete.</summary>
    public List<DeliveryReport> Register(IReadOnlyList<string> partIds)
    {
        var reports = new List<DeliveryReport>();
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Purge(now);
            var group = new Group(partIds[0], partIds.Count) { Registered = now };
            for (var i = 0; i < partIds.Count; i++)
            {
                var forms = Forms(partIds[i]);
                _parts[forms[0]] = (group, i);
                for (var f = 1; f < forms.Count; f++) _parts.TryAdd(forms[f], (group, i));
                _expiry.Enqueue((forms[0], now));
                foreach (var form in forms)
                {
                    if (!_early.Remove(form, out var early)) continue;
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
        lock (_gate)
        {
            var key = Forms(id)[0];
            if (_parts.TryGetValue(key, out var part))
            {
                Apply(part.Group, part.Index, state, occurredAt, error, detail, reports);
            }
            else
            {
                var now = time.GetUtcNow();
                if (_early.Count >= maxEarly) Purge(now, force: true);
                if (!_early.TryGetValue(key, out var list)) _early[key] = list = [];
                list.Add(new Early(state, occurredAt, error, detail, now));
                _expiry.Enqueue((key, now));
            }
        }
        return reports.Count > 0 ? reports[0] : null;
    }

    private void Apply(Group group, int index, DeliveryState state, DateTimeOffset occurredAt, string? error, string? detail, List<DeliveryReport> reports)
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
            if (total == 1 && previous is null) reports.Add(new DeliveryReport(transport, group.PrimaryId, state, occurredAt, error, detail));
            return;
        }
        if (state is not DeliveryState.Delivered)
        {
            group.Reported = true;
            var partNote = total > 1 ? $"part {index + 1} of {total}: " : "";
            reports.Add(new DeliveryReport(transport, group.PrimaryId, state, occurredAt, error, partNote + detail));
            return;
        }
        foreach (var s in group.States) if (s is not DeliveryState.Delivered) return;
        group.Reported = true;
        reports.Add(new DeliveryReport(transport, group.PrimaryId, DeliveryState.Delivered, occurredAt, error, detail));
    }

    private void Purge(DateTimeOffset now, bool force = false)
    {
        while (_expiry.Count > 0 && (force || now - _expiry.Peek().At > retention))
        {
            var (key, _) = _expiry.Dequeue();
            if (_early.Remove(key, out var list)) Interlocked.Add(ref _unmatched, list.Count);
            else if (_parts.TryGetValue(key, out var p) && now - p.Group.Registered > retention) _parts.Remove(key);
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
