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
        Activation? now = null;
        var blockedWith = rule.Gate is null ? -1 : Gate.FactsWhenBlocked(this, rule);
        if (blockedWith < 0)
        {
            _gateBlocked.Remove(rule.Index);
            now = matcher.Activations(rule);
        }
        else
        {
            _gateBlocked.Add(rule.Index);
            _gateFacts[rule.Index] = blockedWith;
        }
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

    // How many distinct blocked sets a reused session remembers to share with later traces. Each
    // kind of event meets the rules in its own way (and a rule that fired is not among the
    // blocked), so a trigger set sees a few dozen sets; a hash of each makes looking them up cheap.
    private const int RecentBlockedSets = 32;

    // This Fire's blocked reasons, in rule order, until they are handed to the trace; the array
    // then belongs to the trace (never written again) and the next Fire makes a new one.
    private BlockedReason[]? _blockedScratch;
    private int _blockedScratchCount;

    // Blocked sets handed out by earlier Fires of this session, kept once it is reset and reused
    // (RuleSession.Reset): a Fire whose reasons are the same objects in the same order gives its
    // trace one of these instead of an array of its own. Reasons are immutable, so the traces read the same.
    private (BlockedReason[] Reasons, int Count, int Hash)[]? _recentBlocked;
    private int _recentBlockedNext;

    private void TraceBlocked(Matcher matcher, ref BitSet firedNow)
    {
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
        // Blocked at its gate when last refreshed, and no fact of its types changed since.
        var why = _gateBlocked.Contains(rule.Index) && !_dirty.Contains(rule.Index)
            ? rule.GateReason(_gateFacts[rule.Index])
            : matcher.WhyBlocked(rule);
        if (why is BlockedReason reason)
            (_blockedScratch ??= new BlockedReason[_set.Compiled.Length])[_blockedScratchCount++] = reason;
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
        var scratch = _blockedScratch!;
        if (_recentBlocked is { } recent)
        {
            var hash = HashOf(scratch, n);
            foreach (var (reasons, count, h) in recent)
            {
                if (h == hash && count == n && SameReasons(reasons, scratch, n)) // unused places have count 0; n > 0
                {
                    Trace.AddBlocked(reasons, n);
                    Array.Clear(scratch, 0, n); // kept for the next Fire
                    return;
                }
            }
            recent[_recentBlockedNext] = (scratch, n, hash);
            _recentBlockedNext = (_recentBlockedNext + 1) % RecentBlockedSets;
        }
        _blockedScratch = null; // the trace keeps it
        Trace.AddBlocked(scratch, n);
    }

    // Reasons are compared by reference, so they are hashed by their ids (one per reason object).
    // This runs on every Fire of a Full trace: a multiply-add per reason, nothing more.
    private static int HashOf(BlockedReason[] reasons, int n)
    {
        var h = n;
        for (var i = 0; i < n; i++)
            h = unchecked(h * -1640531535 + reasons[i].Id);
        return h;
    }

    // Called by Reset: a session that is reused starts remembering the blocked sets it hands out.
    private void RememberBlockedSets() => _recentBlocked ??= new (BlockedReason[], int, int)[RecentBlockedSets];

    private static bool SameReasons(BlockedReason[] a, BlockedReason[] b, int n)
    {
        for (var i = 0; i < n; i++)
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        return true;
    }
}
