using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Engagement.Messaging;
using Engagement.Transports.Http.Internal;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Http.Routing;

/// <summary>The router: orders candidate transports per message and fails over.</summary>
internal sealed partial class SmsRouter : ISmsRouter
{
    private static readonly ActivitySource Source = new("Engagement");

    private readonly SmsRouterOptions _options;
    private readonly IReadOnlyDictionary<string, ISmsTransport> _transports;
    private readonly SmsDeliveryHealth _health;
    private readonly ILogger _log;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly ConcurrentDictionary<string, RoutingTrace> _traces = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _traceOrder = new();
    private readonly ConcurrentDictionary<string, (string Transport, DateTimeOffset Until)> _pins = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SmsRouter(SmsRouterOptions options, IEnumerable<ISmsTransport> transports, SmsDeliveryHealth health, ILogger log, Random? random = null, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        var byName = new Dictionary<string, ISmsTransport>(StringComparer.Ordinal);
        foreach (var t in transports) byName[t.Name] = t;
        foreach (var r in options.Routes)
            if (!byName.ContainsKey(r.Transport))
                throw new ArgumentException($"SMS router '{options.Name}': route transport '{r.Transport}' is not registered (known: {string.Join(", ", byName.Keys)}).");
        _transports = byName;
        _health = health;
        _log = log;
        _random = random ?? new Random();
        _time = time ?? TimeProvider.System;
    }

    public string Name => _options.Name;

    public RoutingTrace? GetTrace(string messageId) => _traces.TryGetValue(messageId, out var t) ? t : null;

    public async ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plan = Plan(message.To);
        // After an ambiguous failure the first provider may hold the message: re-sends go there only, so
        // failover can never deliver it twice (the provider de-duplicates by our idempotency key if it can).
        if (_pins.TryGetValue(message.MessageId, out var pin))
        {
            if (pin.Until > _time.GetUtcNow() && plan.FindIndex(p => p.Route.Transport == pin.Transport) is var at and >= 0)
                plan = [(plan[at].Route, plan[at].Why + $"; pinned after an ambiguous failure until {pin.Until:O}")];
            else _pins.TryRemove(message.MessageId, out _);
        }
        var attempts = new List<RoutingAttempt>(plan.Count);
        SendResult last = default;
        string outcome;
        if (plan.Count == 0)
        {
            outcome = $"no route serves {PhoneMask.Mask(message.To)}";
            last = SendResult.Failure(SendFailureKind.Permanent, "no_route", outcome);
        }
        else
        {
            outcome = "all routes failed";
            foreach (var (route, why) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var transport = _transports[route.Transport];
                try
                {
                    last = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The port says exceptions are bugs or transient; treat as "may have been sent" (ambiguous).
                    last = SendResult.Failure(SendFailureKind.Retryable, "transport_exception", $"{ex.GetType().Name}: {ex.Message}");
                }
                attempts.Add(new RoutingAttempt(route.Transport, why, last));
                if (last.Accepted) { outcome = $"accepted by {route.Transport}"; _pins.TryRemove(message.MessageId, out _); break; }
                if (last.FailureKind == SendFailureKind.Permanent && last.ErrorCode is not ("http_401" or "http_403"))
                {
                    _pins.TryRemove(message.MessageId, out _);
                    outcome = $"permanent failure from {route.Transport}; no failover for a message the provider rejected"; break;
                }
                if (Classify.IsAmbiguous(last) && !_options.FailoverOnAmbiguousFailure)
                {
                    if (!_pins.ContainsKey(message.MessageId)) _pins[message.MessageId] = (route.Transport, _time.GetUtcNow() + _options.AmbiguousPinDuration);
                    outcome = $"ambiguous failure from {route.Transport} ({last.ErrorCode}); not failing over so the message cannot be sent twice"; break;
                }
                if (plan.Count == 1 && _pins.ContainsKey(message.MessageId)) { outcome = $"pinned to {route.Transport} after an ambiguous failure; will retry there"; break; }
                LogFailover(message.MessageId, route.Transport, last.ErrorCode);
            }
        }
        var trace = new RoutingTrace(message.MessageId, plan.Select(p => p.Route.Transport).ToArray(), attempts, outcome)
        {
            CandidateReasons = plan.Select(p => p.Why).ToArray(),
        };
        Remember(trace);
        // The trace's text is only for a listening activity or a debug log: made once, and only then.
        var activity = Activity.Current;
        if (activity is not null || _log.IsEnabled(LogLevel.Debug))
        {
            var text = trace.ToString();
            activity?.SetTag("engagement.sms.route", text);
            LogRouted(message.MessageId, PhoneMask.Mask(message.To), text);
        }
        // Named, so the dispatcher records the provider that took it and its delivery reports match the ledger.
        if (last.Accepted) return last with { Transport = attempts[^1].Transport };
        return SendResult.Failure(last.FailureKind, last.ErrorCode ?? "no_route", $"{last.Detail} | {trace}", last.RetryAfter,
            Classify.IsAmbiguous(last));
    }

    /// <summary>Orders the routes that serve <paramref name="to"/>; exposed for tests.</summary>
    internal List<(SmsRoute Route, string Why)> Plan(string to)
    {
        // Longest matching prefix wins; routes without prefixes serve everything at the lowest specificity.
        var matching = _options.Routes
            .Select(r => (Route: r, Specificity: r.CountryPrefixes.Count == 0 ? 0 : r.CountryPrefixes.Where(p => to.StartsWith(p, StringComparison.Ordinal)).Select(p => p.Length).DefaultIfEmpty(-1).Max()))
            .Where(x => x.Specificity >= 0)
            .ToList();
        if (matching.Count == 0) return [];
        var ordered = new List<(SmsRoute, string)>();
        foreach (var tier in matching.GroupBy(x => x.Specificity).OrderByDescending(g => g.Key))
            AddTier(tier.Select(x => x.Route).ToList(), ordered, tier.Key > 0 ? $"prefix match ({tier.Key} chars)" : "default route");

        // Demoted providers go last; a small share of traffic probes one first so it can recover.
        var demoted = ordered.Where(x => _health.IsDemoted(x.Item1.Transport)).ToList();
        if (demoted.Count > 0 && demoted.Count < ordered.Count)
        {
            ordered.RemoveAll(x => demoted.Contains(x));
            bool probe;
            lock (_randomGate) probe = _random.NextDouble() < _options.DemotedProbeRatio;
            var tagged = demoted.Select(d => (d.Item1, string.Create(CultureInfo.InvariantCulture, $"{d.Item2}; demoted: delivery rate {_health.Get(d.Item1.Transport).Rate:P1} < {_options.DeliveryRateThreshold:P0}"))).ToList();
            if (probe) { ordered.Insert(0, (tagged[0].Item1, tagged[0].Item2 + "; health probe")); ordered.AddRange(tagged.Skip(1)); }
            else ordered.AddRange(tagged);
        }
        return ordered;
    }

    private void AddTier(List<SmsRoute> routes, List<(SmsRoute, string)> into, string why)
    {
        foreach (var group in routes.GroupBy(r => (r.Priority, r.Cost)).OrderBy(g => g.Key.Priority).ThenBy(g => g.Key.Cost))
        {
            var pool = group.ToList();
            while (pool.Count > 0)
            {
                var pick = 0;
                if (pool.Count > 1)
                {
                    var total = pool.Sum(r => r.Weight);
                    int roll;
                    lock (_randomGate) roll = _random.Next(total);
                    while (roll >= pool[pick].Weight) { roll -= pool[pick].Weight; pick++; }
                }
                var r = pool[pick];
                pool.RemoveAt(pick);
                into.Add((r, $"{why}, priority {r.Priority}, cost {r.Cost}, weight {r.Weight}"));
            }
        }
    }

    private void Remember(RoutingTrace trace)
    {
        if (_options.MaxTraces == 0) return;
        if (_traces.TryAdd(trace.MessageId, trace)) _traceOrder.Enqueue(trace.MessageId);
        else _traces[trace.MessageId] = trace;
        while (_traces.Count > _options.MaxTraces && _traceOrder.TryDequeue(out var old)) _traces.TryRemove(old, out _);
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Message {MessageId}: {Transport} failed ({Code}); failing over")]
    private partial void LogFailover(string messageId, string transport, string? code);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Message {MessageId} to {To}: {Trace}")]
    private partial void LogRouted(string messageId, string to, string trace);
}
