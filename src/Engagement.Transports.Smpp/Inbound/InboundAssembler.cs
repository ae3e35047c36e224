using Engagement.Transports.Smpp.Coding;

namespace Engagement.Transports.Smpp.Inbound;

/// <summary>
/// Reassembles concatenated MO messages. Parts are kept per (sender, recipient, kind, reference,
/// total) until all have come, then joined in sequence order and decoded once, so a GSM escape or
/// a UTF-16 surrogate pair cut between two parts still decodes. A part already held is a
/// duplicate and ignored; so is a part identical to one of a message completed within the
/// timeout (an SMSC redelivering it). A message whose parts do not all come within the timeout,
/// or the oldest one when the held bytes exceed the limit, is handed on with the parts it has
/// (<see cref="Assembled.Complete"/> false): a partial "STOP" is better than none.
/// </summary>
internal sealed class InboundAssembler(TimeProvider time, TimeSpan timeout, long maxBytes, SmppDefaultAlphabet alphabet)
{
    internal readonly record struct Key(string From, string To, SegmentKind Kind, int Reference, int Total);

    internal sealed class Group(Key key, DateTimeOffset started)
    {
        public Key Key { get; } = key;
        public DateTimeOffset Started { get; } = started;
        public byte[]?[] Units { get; } = new byte[]?[key.Total];
        public byte[] DataCodings { get; } = new byte[key.Total];
        public int Received { get; set; }
        public long Bytes { get; set; }
        public LinkedListNode<Group>? Node { get; set; }
    }

    /// <summary>A message handed on: the text, whether every part came, and what to undo if the hand-over fails.</summary>
    public sealed record Assembled(string From, string To, string Text, bool Complete, int PartsReceived, int PartsTotal)
    {
        internal Group? Source { get; init; }
        internal int LastSequence { get; init; }
    }

    // Per byte of a held part, plus this much per part for the arrays and the group.
    private const int PartOverhead = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<Key, Group> _pending = [];
    private readonly LinkedList<Group> _byAge = new();
    private readonly Dictionary<Key, (DateTimeOffset At, int[] Hashes)> _completed = [];
    private readonly Queue<(Key Key, DateTimeOffset At)> _completedOrder = new();
    private long _bytes, _duplicates, _expired;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages handed on incomplete (timeout or memory limit).</summary>
    public long Expired => Interlocked.Read(ref _expired);

    public int PendingMessages
    {
        get { lock (_gate) return _pending.Count; }
    }

    public long PendingBytes
    {
        get { lock (_gate) return _bytes; }
    }

    /// <summary>
    /// Adds one part. Returns what is now ready: the completed message (when this was the last
    /// missing part) and any incomplete ones pushed out by the time or memory limit.
    /// </summary>
    public List<Assembled> Add(string from, string to, InboundSegment segment, byte dataCoding, byte[] units)
    {
        var ready = new List<Assembled>();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            ExpireLocked(now, ready);
            var key = new Key(from, to, segment.Kind, segment.Reference, segment.Total);
            var index = segment.Sequence - 1;
            var hash = Hash(units, dataCoding);
            if (!_pending.TryGetValue(key, out var group))
            {
                if (_completed.TryGetValue(key, out var done) && done.Hashes[index] == hash)
                {
                    Interlocked.Increment(ref _duplicates);
                    return ready;
                }
                group = new Group(key, now);
                group.Node = _byAge.AddLast(group);
                _pending[key] = group;
            }
            if (group.Units[index] is not null)
            {
                Interlocked.Increment(ref _duplicates);
                return ready;
            }
            group.Units[index] = units;
            group.DataCodings[index] = dataCoding;
            group.Received++;
            var size = units.Length + PartOverhead;
            group.Bytes += size;
            _bytes += size;
            if (group.Received == key.Total)
            {
                RemoveLocked(group);
                Remember(key, group, now);
                ready.Add(Build(group, complete: true) with { Source = group, LastSequence = segment.Sequence });
            }
            while (_bytes > maxBytes && _byAge.First is { } oldest)
            {
                RemoveLocked(oldest.Value);
                Interlocked.Increment(ref _expired);
                ready.Add(Build(oldest.Value, complete: false));
            }
        }
        return ready;
    }

    /// <summary>Hands on the messages whose parts did not all come within the timeout.</summary>
    public List<Assembled> Expire()
    {
        var ready = new List<Assembled>();
        lock (_gate) ExpireLocked(time.GetUtcNow(), ready);
        return ready;
    }

    /// <summary>Hands on every incomplete message now (the transport is stopping).</summary>
    public List<Assembled> Drain()
    {
        var ready = new List<Assembled>();
        lock (_gate)
        {
            while (_byAge.First is { } oldest)
            {
                RemoveLocked(oldest.Value);
                Interlocked.Increment(ref _expired);
                ready.Add(Build(oldest.Value, complete: false));
            }
        }
        return ready;
    }

    /// <summary>
    /// The completed message could not be handed on (the SDK threw): put it back without its last
    /// part, so that the SMSC's redelivery of that part completes it again.
    /// </summary>
    public void Reopen(Assembled assembled)
    {
        if (assembled.Source is not { } group) return;
        lock (_gate)
        {
            _completed.Remove(group.Key);
            if (_pending.ContainsKey(group.Key)) return;
            var index = assembled.LastSequence - 1;
            var size = group.Units[index]!.Length + PartOverhead;
            group.Units[index] = null;
            group.Received--;
            group.Bytes -= size;
            group.Node = _byAge.AddLast(group);
            _pending[group.Key] = group;
            _bytes += group.Bytes;
        }
    }

    private void ExpireLocked(DateTimeOffset now, List<Assembled> ready)
    {
        while (_byAge.First is { } oldest && now - oldest.Value.Started >= timeout)
        {
            RemoveLocked(oldest.Value);
            Interlocked.Increment(ref _expired);
            ready.Add(Build(oldest.Value, complete: false));
        }
        while (_completedOrder.Count > 0 && now - _completedOrder.Peek().At >= timeout)
        {
            var (key, at) = _completedOrder.Dequeue();
            if (_completed.TryGetValue(key, out var c) && c.At == at) _completed.Remove(key);
        }
    }

    private void RemoveLocked(Group group)
    {
        _pending.Remove(group.Key);
        if (group.Node is not null) _byAge.Remove(group.Node);
        group.Node = null;
        _bytes -= group.Bytes;
    }

    private void Remember(Key key, Group group, DateTimeOffset now)
    {
        var hashes = new int[key.Total];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = Hash(group.Units[i]!, group.DataCodings[i]);
        _completed[key] = (now, hashes);
        _completedOrder.Enqueue((key, now));
        // The record of completed messages is bounded like the parts: drop the oldest beyond one per 1 KiB allowed.
        while (_completedOrder.Count > Math.Max(16, maxBytes / 1024))
        {
            var (old, at) = _completedOrder.Dequeue();
            if (_completed.TryGetValue(old, out var c) && c.At == at) _completed.Remove(old);
        }
    }

    private Assembled Build(Group group, bool complete)
    {
        var parts = Enumerable.Range(0, group.Key.Total).Where(i => group.Units[i] is not null).ToList();
        var coding = group.DataCodings[parts[0]];
        string text;
        if (parts.All(i => group.DataCodings[i] == coding))
        {
            // Join the units first: a character may be cut between two parts.
            var joined = new byte[parts.Sum(i => group.Units[i]!.Length)];
            var at = 0;
            foreach (var i in parts)
            {
                group.Units[i]!.CopyTo(joined, at);
                at += group.Units[i]!.Length;
            }
            text = MessageDecoder.DecodeUnits(joined, coding, alphabet);
        }
        else
        {
            text = string.Concat(parts.Select(i => MessageDecoder.DecodeUnits(group.Units[i], group.DataCodings[i], alphabet)));
        }
        return new Assembled(group.Key.From, group.Key.To, text, complete, parts.Count, group.Key.Total);
    }

    private static int Hash(byte[] units, byte dataCoding)
    {
        var h = new HashCode();
        h.Add(dataCoding);
        h.AddBytes(units);
        return h.ToHashCode();
    }
}
