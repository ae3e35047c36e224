namespace Engagement.Rules;

// The agenda loop of a session: refresh the rules whose facts changed, fire the best activation, repeat.
public sealed partial class RuleSession
{
    // The firing-limit error names the rules among this many last firings.
    private const int RecentWindow = 50;

    /// <summary>
    /// Runs the agenda: repeatedly fires the best pending activation (highest priority, then
    /// earliest registered rule, then earliest inserted facts) until none is left, an action
    /// halts, or <see cref="RuleSetOptions.MaxFirings"/> is exceeded. Returns the number of firings.
    /// </summary>
    /// <exception cref="RuleFiringLimitException">More than <see cref="RuleSetOptions.MaxFirings"/> firings.</exception>
    /// <exception cref="RuleExecutionException">A condition or action threw.</exception>
    public int Fire()
    {
        _halted = false;
        _firing++;
        var traceLevel = _set.Options.Trace;
        var firedNow = traceLevel == TraceLevel.Full ? new BitSet(_set.Compiled.Length) : default;
        int count;
        var matcher = Matcher.Rent(this);
        try
        {
            count = Run(matcher, traceLevel, ref firedNow);
            if (traceLevel == TraceLevel.Full)
                TraceBlocked(matcher, ref firedNow);
        }
        finally
        {
            matcher.Return();
            _firing--;
        }
        return count;
    }

    private int Run(Matcher matcher, TraceLevel traceLevel, ref BitSet firedNow)
    {
        var limit = _set.Options.MaxFirings;
        int[]? recent = null;
        var count = 0;
        while (!_halted)
        {
            Refresh(matcher, traceLevel);
            var best = _agenda.Best;
            if (best is null)
                break;
            if (count == limit)
                throw new RuleFiringLimitException(limit, Looping(recent!, Math.Min(limit, RecentWindow)));
            _agenda.RemoveBest();
            _agenda.AddFired(best);
            var rule = best.Rule;
            if (traceLevel == TraceLevel.Full)
                firedNow.Add(rule.Index);
            // Only the last firings before the limit can be named, so only they are recorded.
            if (count >= limit - RecentWindow)
                (recent ??= new int[RecentWindow])[count % RecentWindow] = rule.Index;
            count++;
            if (traceLevel != TraceLevel.None)
                Trace.Add(TraceEventKind.Fired, rule.Definition, best.Values, null);
            var ctx = new ActionContext(this, best);
            foreach (var action in rule.Actions)
            {
                try
                {
                    action(ctx);
                }
                catch (Exception ex) when (ex is not RuleExecutionException and not RuleFiringLimitException)
                {
                    throw new RuleExecutionException(rule.Name, $"Rule '{rule.Name}': action failed: {ex.Message}", ex);
                }
            }
        }
        return count;
    }

    private void Refresh(Matcher matcher, TraceLevel traceLevel)
    {
        if (!_dirty.MayHaveAny)
            return;
        int r;
        while ((r = _dirty.TakeFirst()) >= 0)
            Refresh(_set.Compiled[r], matcher, traceLevel);
    }

    private void Refresh(CompiledRule rule, Matcher matcher, TraceLevel traceLevel)
    {
        var old = _agenda.Of(rule);
        var now = rule.Gate is null || Gate.Passes(this, rule) ? matcher.Activations(rule) : null;
        if (traceLevel != TraceLevel.None)
        {
            for (var a = old; a is not null; a = a.Next)
                if (!Contains(now, a))
                    Trace.Add(TraceEventKind.Cancelled, rule.Definition, a.Values, "its facts changed before it fired");
            for (var a = now; a is not null; a = a.Next)
                if (!Contains(old, a))
                    Trace.Add(TraceEventKind.Activated, rule.Definition, a.Values, null);
        }
        if (old is not null || now is not null)
            _agenda.Set(rule, now);
    }

    private static bool Contains(Activation? chain, Activation a)
    {
        for (; chain is not null; chain = chain.Next)
            if (chain.Equals(a))
                return true;
        return false;
    }

    private string[] Looping(int[] recent, int n) =>
        recent.Take(n).GroupBy(i => i).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => _set.Compiled[g.Key].Name).ToArray();

    // How many distinct blocked sets a session remembers to share with later sessions' traces.
    private const int RecentBlockedSets = 8;

    // This Fire's blocked reasons, in rule order, before they are published to the trace.
    private BlockedReason[]? _blockedScratch;
    private int _blockedScratchCount;

    // Blocked sets published by earlier Fires of this session (it is reset and reused per thread):
    // immutable arrays that traces keep; a Fire whose reasons are the same objects in the same
    // order hands its trace one of these instead of a new array.
    private BlockedReason[]?[]? _recentBlocked;
    private int _recentBlockedNext;

    private void TraceBlocked(Matcher matcher, ref BitSet firedNow)
    {
        _blockedScratch ??= new BlockedReason[_set.Compiled.Length];
        _blockedScratchCount = 0;
        foreach (var rule in _set.Compiled)
            TraceBlocked(rule, ref firedNow, matcher);
        PublishBlocked();
    }

    private void TraceBlocked(CompiledRule rule, ref BitSet firedNow, Matcher matcher)
    {
        if (firedNow.Contains(rule.Index))
            return;
        if (_agenda.Of(rule) is not null)
        {
            PublishBlocked(); // keeps the rule order of the entries
            Trace.Add(TraceEventKind.Blocked, rule.Definition, [], "the session was halted before it fired");
            return;
        }
        var why = matcher.WhyBlocked(rule);
        if (why is BlockedReason reason)
            _blockedScratch![_blockedScratchCount++] = reason;
        else
        {
            PublishBlocked();
            Trace.Add(TraceEventKind.Blocked, rule.Definition, [], (string)why);
        }
    }

    private void PublishBlocked()
    {
        var n = _blockedScratchCount;
        if (n == 0) return;
        _blockedScratchCount = 0;
        var scratch = _blockedScratch.AsSpan(0, n);
        var recent = _recentBlocked ??= new BlockedReason[RecentBlockedSets][];
        foreach (var set in recent)
        {
            if (set is not null && set.Length == n && SameReasons(set, scratch))
            {
                Trace.AddBlocked(set);
                scratch.Clear();
                return;
            }
        }
        var published = scratch.ToArray();
        scratch.Clear();
        recent[_recentBlockedNext] = published;
        _recentBlockedNext = (_recentBlockedNext + 1) % RecentBlockedSets;
        Trace.AddBlocked(published);
    }

    // The same reason objects in the same order: reasons are immutable, so the traces read the same.
    private static bool SameReasons(BlockedReason[] set, ReadOnlySpan<BlockedReason> scratch)
    {
        for (var i = 0; i < set.Length; i++)
            if (!ReferenceEquals(set[i], scratch[i]))
                return false;
        return true;
    }
}
