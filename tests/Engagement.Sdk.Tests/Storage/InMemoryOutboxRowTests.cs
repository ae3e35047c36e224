using System.Reflection;
using Engagement.Messaging;
using Engagement.Storage;
using Engagement.Storage.InMemory;

namespace Engagement.Sdk.Tests.Storage;

/// <summary>
/// The in-memory outbox keeps a queued message's values, not the records it was given, and makes
/// the records again when the message is claimed. Every member must come back as it went in.
/// </summary>
public class InMemoryOutboxRowTests
{
    [Theory]
    [InlineData("m_1", "k_1")] // the engine's form: the store keeps only the id
    [InlineData("m_1", "k_2")]
    [InlineData("msg-7", "order-7-shipped")]
    public async Task Claim_GivesBackEveryMemberOfTheQueuedMessage(string messageId, string key)
    {
        var sms = new OutboundSms(messageId, key, "+8613800138000", "Your parcel is out for delivery", MessageCategory.Marketing,
            SenderId: "SHOP", RequestDeliveryReport: false)
        {
            Metadata = new Dictionary<string, string> { ["template_code"] = "SMS_1" },
        };
        var due = new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8));
        var queued = new OutboxMessage("u1", sms, due, Attempts: 2);
        // A member added to either record must be given a value here (and be kept by the store):
        // a member left at its default would pass the comparison below whether it is kept or not.
        AssertNoDefaults(sms);
        AssertNoDefaults(queued);

        var store = new InMemoryMessageStore();
        var entry = new LedgerEntry(messageId, "u1", "member_day", MessageCategory.Marketing, null, due, due, 1);
        Assert.True(await store.TryEnqueueAsync(entry, queued, default));
        var claimed = Assert.Single(await store.ClaimAsync("worker", 10, due, TimeSpan.FromMinutes(1), default));

        Assert.Equal(queued with { Attempts = 3 }, claimed with { Sms = queued.Sms });
        foreach (var p in typeof(OutboundSms).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            Assert.True(Equals(p.GetValue(sms), p.GetValue(claimed.Sms)), $"OutboundSms.{p.Name}: queued {p.GetValue(sms)}, claimed {p.GetValue(claimed.Sms)}");
        Assert.Equal(due.Offset, claimed.DueAt.Offset);
    }

    // The row keeps the ledger entry's values too and makes the entry again on every read.
    [Theory]
    [InlineData("m_1", "u1", "m_1", "u1")] // the engine's form: entry and message name the same message and user
    [InlineData("m_1", "u1", "ledger-1", "u9")]
    public async Task Ledger_GivesBackEveryMemberOfTheEntry_AndItsLaterStatus(string smsId, string smsUser, string entryId, string entryUser)
    {
        var due = new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8));
        var entry = new LedgerEntry(entryId, entryUser, "member_day", MessageCategory.Marketing, "member_day:u1:2026-03", due.AddMinutes(-5), due, 2)
        {
            Status = "custom", ProviderMessageId = "p-0", Note = "given",
        };
        AssertNoDefaults(entry);
        var store = new InMemoryMessageStore();
        var sms = new OutboundSms(smsId, "k_1", "+8613800138000", "text", MessageCategory.Transactional);
        Assert.True(await store.TryEnqueueAsync(entry, new OutboxMessage(smsUser, sms, due), default));

        Assert.Equal(entry, Assert.Single(await store.GetLedgerAsync(entryUser, DateTimeOffset.MinValue, default)));
        foreach (var p in typeof(LedgerEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            Assert.True(Equals(p.GetValue(entry), p.GetValue((await store.GetLedgerAsync(entryUser, DateTimeOffset.MinValue, default))[0])), $"LedgerEntry.{p.Name}");

        await store.MarkSentAsync(entryId, "smpp", "p-1", due, default);
        Assert.Equal(entry with { Status = LedgerStatus.Sent, ProviderMessageId = "p-1" }, (await store.GetLedgerAsync(entryUser, DateTimeOffset.MinValue, default)).Single());
        await store.MarkFailedAsync(entryId, "gave up", due, default);
        Assert.Equal(entry with { Status = LedgerStatus.Failed, ProviderMessageId = "p-1", Note = "gave up" }, (await store.GetLedgerAsync(entryUser, DateTimeOffset.MinValue, default)).Single());
    }

    private static void AssertNoDefaults(object record)
    {
        foreach (var p in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.Name == "EqualityContract") continue;
            var value = p.GetValue(record);
            var fallback = p.PropertyType.IsValueType ? Activator.CreateInstance(p.PropertyType) : null;
            // RequestDeliveryReport defaults to true, so false is the value that shows it is kept.
            var isDefault = p.Name == nameof(OutboundSms.RequestDeliveryReport) ? Equals(value, true)
                : p.Name == nameof(OutboundSms.Metadata) ? value is IReadOnlyDictionary<string, string> { Count: 0 }
                : Equals(value, fallback);
            Assert.False(isDefault, $"{record.GetType().Name}.{p.Name} is left at its default in this test; give it a value");
        }
    }
}
