using Engagement.Rules;
using Engagement.TestSupport;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Triggers;

/// <summary>
/// Operators' trigger rule files, mutated at random, load or fail at start with
/// <see cref="EngagementValidationException"/> or <see cref="RuleLoadException"/> naming the path;
/// nothing else escapes <c>AddJsonRules</c>.
/// </summary>
public class JsonTriggerRulesFuzzTests
{
    private static readonly string[] Documents =
    [
        """
        {
          "builtIn": ["cart_abandonment", "logistics"],
          "rules": [{
            "name": "vip_big_order", "priority": 10, "tags": ["vip"],
            "when": "event.type == 'order_placed' and event.total > 100 and profile.tier == 'vip'",
            "then": { "emit": "Candidate", "with": { "template": "'promo'", "category": "'transactional'", "dedupe": "event.orderId", "amount": "event.total" } }
          }]
        }
        """,
        """
        { "rules": [
          { "name": "browse", "when": "event.type == 'product_viewed'",
            "then": { "emit": "ScheduleTimer", "with": { "name": "'browse'", "key": "event.sku", "after": "'1h30m'" } } },
          { "name": "bought", "when": "event.type == 'order_placed'",
            "then": [{ "emit": "CancelTimers", "with": { "name": "'browse'" } }] }
        ] }
        """,
    ];

    [Fact]
    public void Load_MutatedTriggerRuleFiles_LoadOrFailWithAClearError()
    {
        var (loaded, refused) = (0, 0);
        Prop.ForAll(cases: 3000, seed: 6007, (rng, _) =>
        {
            var text = JsonMutations.Mutate(rng, Documents[rng.Next(Documents.Length)]);
            try
            {
                JsonTriggerRules.Load(text);
                loaded++;
            }
            catch (EngagementValidationException ex)
            {
                refused++;
                Assert.StartsWith("$", ex.Field, StringComparison.Ordinal);
            }
            catch (RuleLoadException ex)
            {
                refused++;
                Assert.StartsWith("$", ex.JsonPath, StringComparison.Ordinal);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"{ex.GetType().Name} escaped AddJsonRules: {ex.Message}\n--- document ---\n{text}");
            }
        });
        Assert.True(loaded > 50 && refused > 1000, $"loaded {loaded}, refused {refused}");
    }
}
