namespace Engagement.Rules;

/// <summary>
/// Checks of a rule's <see cref="CompiledRule.Gate"/> (its first element, an unjoined Match or
/// Exists) before a full evaluation is set up: most rules of a trigger set fail there.
/// </summary>
internal static class Gate
{
    /// <summary>The number of facts of the gate's type when none passes it (the rule is blocked there), or -1 when one does.</summary>
    public static int FactsWhenBlocked(RuleSession session, CompiledRule rule)
    {
        var filter = rule.Gate!.Filter;
        var pattern = rule.Patterns[0];
        var key = rule.GateKey;
        var facts = 0;
        try
        {
            foreach (var h in session.Candidates(pattern, out var check))
                if (!check || h.Type.IsA[pattern])
                {
                    // A fact whose indexed member holds another value fails the filter's first
                    // conjunct, so the filter is false for it: no need to run it.
                    if (key is { } k && h.DiscriminantId(k.Slot, session.RuleSet.Discriminators) != k.ValueId)
                    {
                        facts++;
                        continue;
                    }
                    if (filter is null || filter(h.Fact))
                        return -1;
                    facts++;
                }
            return facts;
        }
        catch (Exception ex) when (ex is not RuleExecutionException)
        {
            throw Matcher.Threw(rule, 0, ex);
        }
    }
}
