using System.Diagnostics.Tracing;
using System.Globalization;

namespace Engagement.Bench.Engine;

/// <summary>
/// What the collector did during a measured run, from the runtime's own GC events: each collection's
/// generation, reason, pause and promoted bytes, and the types allocated (sampled by the runtime's
/// allocation tick, about one sample per 100 KB). Listening costs time, so a run with
/// <c>--gc-report</c> is for finding where the collector's time goes, not for its rate. With the
/// environment variable <c>GC_TIMELINE=1</c> it also prints every GC event of each collection (the
/// marking of each root kind, the heap statistics) with its time from the collection's start.
/// </summary>
public sealed class GcReport : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Lock _gate = new();
    private readonly List<Collection> _collections = [];
    private readonly Dictionary<string, (long Bytes, double Objects)> _allocated = new(StringComparer.Ordinal);
    private Collection? _open;
    private const string LargeSuffix = " (large object heap)";
    private bool _measuring;
    private readonly bool _timeline = Environment.GetEnvironmentVariable("GC_TIMELINE") == "1";

    private sealed class Collection
    {
        public long Number;
        public int Generation;
        public string Reason = "";
        public DateTime Started;
        public TimeSpan Pause;
        public long Promoted;
        public long Gen2Size;
    }

    /// <summary>Starts counting; events before this call are ignored.</summary>
    public void Start()
    {
        lock (_gate) _measuring = true;
    }

    /// <summary>Stops counting. The runtime delivers events with a delay, so this waits for the last ones.</summary>
    public void Stop()
    {
        Thread.Sleep(1500);
        lock (_gate) _measuring = false;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_gate)
        {
            if (!_measuring) return;
            if (_timeline && _open is not null && e.EventName != "GCAllocationTick_V4")
                Console.WriteLine($"  {(e.TimeStamp - _open.Started).TotalMilliseconds,8:0.00} {e.EventName} {string.Join(',', e.Payload ?? [])}");
            switch (e.EventName)
            {
                case "GCStart_V2":
                    _open = new Collection
                    {
                        Number = Convert.ToInt64(e.Payload![0], CultureInfo.InvariantCulture),
                        Generation = Convert.ToInt32(e.Payload[1], CultureInfo.InvariantCulture),
                        Reason = ReasonName(Convert.ToInt32(e.Payload[2], CultureInfo.InvariantCulture)),
                        Started = e.TimeStamp,
                    };
                    break;
                case "GCEnd_V1" when _open is not null:
                    _open.Pause = e.TimeStamp - _open.Started;
                    _collections.Add(_open);
                    break;
                case "GCHeapStats_V2" when _collections.Count > 0 && ReferenceEquals(_collections[^1], _open):
                    // TotalPromotedSize0 is what survived gen0; 1 and 2 when those were collected too.
                    _open.Promoted = Convert.ToInt64(e.Payload![1], CultureInfo.InvariantCulture)
                        + (_open.Generation >= 1 ? Convert.ToInt64(e.Payload[3], CultureInfo.InvariantCulture) : 0)
                        + (_open.Generation >= 2 ? Convert.ToInt64(e.Payload[5], CultureInfo.InvariantCulture) : 0);
                    _open.Gen2Size = Convert.ToInt64(e.Payload[4], CultureInfo.InvariantCulture);
                    _open = null;
                    break;
                case "GCAllocationTick_V4":
                    var type = e.Payload![5] as string ?? "?";
                    if (Convert.ToInt32(e.Payload[1], CultureInfo.InvariantCulture) == 1) type += LargeSuffix;
                    var amount = Convert.ToInt64(e.Payload[3], CultureInfo.InvariantCulture);
                    var size = Math.Max(1L, Convert.ToInt64(e.Payload[8], CultureInfo.InvariantCulture));
                    var (bytes, objects) = _allocated.GetValueOrDefault(type);
                    // A tick stands for the bytes allocated since the last one; in objects, as many
                    // of the sampled object's size (exact for classes, an estimate for arrays and strings).
                    _allocated[type] = (bytes + amount, objects + (double)amount / size);
                    break;
            }
        }
    }

    /// <summary>Prints the collections and the most allocated types, per event of <paramref name="events"/>.</summary>
    public void Print(long events, int top = 40)
    {
        lock (_gate)
        {
            Console.WriteLine("gc: number gen reason pause promoted gen2_size");
            foreach (var c in _collections)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"gc: {c.Number,4} {c.Generation} {c.Reason,-14} {c.Pause.TotalMilliseconds,7:0.0}ms {c.Promoted / 1048576.0,8:0.0}MB {c.Gen2Size / 1048576.0,8:0.0}MB"));
            var total = _allocated.Values.Sum(v => v.Bytes);
            var count = _allocated.Values.Sum(v => v.Objects);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated (sampled, the stream's own events included): {total / (double)events:0} B and {count / events:0.0} objects per event"));
            foreach (var (type, (bytes, objects)) in _allocated.OrderByDescending(p => p.Value.Objects).Take(top))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {objects / events,6:0.00} objects {bytes / (double)events,7:0.0} B  {type}"));
            // Few objects, but each counts towards a gen2 collection: listed on their own, in bytes.
            foreach (var (type, (bytes, _)) in _allocated.Where(p => p.Key.EndsWith(LargeSuffix, StringComparison.Ordinal)).OrderByDescending(p => p.Value.Bytes))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1048576.0,8:0.0} MB in all  {type}"));
        }
    }

    private static string ReasonName(int reason) => reason switch
    {
        0 => "alloc_small",
        1 => "induced",
        2 => "low_memory",
        3 => "empty",
        4 => "alloc_large",
        5 => "oos_small",
        6 => "oos_large",
        7 => "induced_noforce",
        _ => reason.ToString(CultureInfo.InvariantCulture),
    };
}
