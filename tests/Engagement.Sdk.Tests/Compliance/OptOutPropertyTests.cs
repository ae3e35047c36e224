using Engagement.Decisions;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Sdk.Tests.Engine;
using Engagement.TestSupport;
using Engagement.Triggers;

namespace Engagement.Sdk.Tests.Compliance;

public class OptOutPropertyTests
{
    private static readonly string[] Inbound = ["STOP", "t", "TD", "退订", "unsubscribe", "START", "yes", "HELP", "thanks", "stop please"];

    [Fact]
    public async Task RandomSequences_NoMarketingEverEnqueuedForSuppressedOrNonConsentedUser()
    {
        var failures = new List<string>();
        var marketingSeen = 0;
        for (var seq = 0; seq < 300; seq++)
        {
            var rng = new Random(1000 + seq);
            using var h = new EngineHarness(b =>
            {
                b.AddTrigger("promo", ctx =>
                {
                    if (ctx.Event.Type is EventTypes.AppOpened or EventTypes.CartUpdated)
                        ctx.Propose(new Candidate("promo", MessageCategory.Marketing, "promo"));
                });
                b.AddTrigger("logistics", ctx =>
                {
                    if (ctx.Event.Type == EventTypes.ShipmentUpdated)
                        ctx.Propose(new Candidate("logistics", MessageCategory.Transactional, "shipped"));
                });
            });
            var users = Enumerable.Range(0, 3).Select(i => EngineHarness.Profile($"s{seq}u{i}", marketingOptIn: rng.Next(2) == 0)).ToList();
            foreach (var u in users) await h.Engine.UpsertProfileAsync(u, default);
            var t = EngineHarness.Start;
            for (var step = 0; step < 30; step++)
            {
                t = t.AddMinutes(rng.Next(1, 120));
                var u = users[rng.Next(users.Count)];
                switch (rng.Next(6))
                {
                    case 0:
                        await h.Feedback.ReceiveInboundAsync(new InboundSms("capture", u.Phone!, "1", Inbound[rng.Next(Inbound.Length)], t), default);
                        continue;
                    case 1:
                        // Host changes consent (settings page): grant or withdraw.
                        var p = (await h.Engine.GetProfileAsync(u.UserId, default))!;
                        p.Consent.Set(ConsentPurpose.SmsMarketing, new ConsentRecord(rng.Next(2) == 0, t, "settings"));
                        await h.Engine.UpsertProfileAsync(p, default);
                        continue;
                }
                var evt = rng.Next(3) switch
                {
                    0 => EngineHarness.Event("app_opened", u.UserId, t),
                    1 => EngineHarness.Event("cart_updated", u.UserId, t, ("cartId", "c" + step)),
                    _ => EngineHarness.Event("shipment_updated", u.UserId, t, ("shipmentId", "s" + step), ("status", "shipped")),
                };
                var before = (await h.Engine.GetProfileAsync(u.UserId, default))!.Consent;
                var result = await h.Engine.TrackAsync(evt, default);
                foreach (var d in result.Decisions.Where(d => d.Category == MessageCategory.Marketing && d.Outcome != DecisionOutcome.Drop))
                {
                    marketingSeen++;
                    if (!before.AllowsMarketingSms)
                        failures.Add($"seq {seq} step {step}: marketing {d.MessageId} enqueued for {u.UserId} with suppression={before.Suppression?.Source} optin={before.Get(ConsentPurpose.SmsMarketing)?.Granted}");
                }
            }
            // What actually reaches the transport must agree too.
            await h.Dispatcher.DrainAsync(default);
        }
        Assert.Empty(failures);
        Assert.True(marketingSeen > 100, $"the generator must exercise allowed marketing too (saw {marketingSeen})");
    }
}
