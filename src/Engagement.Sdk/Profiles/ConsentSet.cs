namespace Engagement.Profiles;

/// <summary>A profile's consent per purpose and its suppression state.</summary>
public sealed class ConsentSet
{
    /// <summary>Consent per purpose (<see cref="ConsentPurpose"/>).</summary>
    public Dictionary<string, ConsentRecord> Purposes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Set when the user opted out by reply (STOP, T, 退订); suppresses all marketing until a resubscribe.</summary>
    public ConsentRecord? Suppression { get; set; }

    /// <summary>The record for a purpose, or null when none was recorded.</summary>
    public ConsentRecord? Get(string purpose) => Purposes.GetValueOrDefault(purpose);

    /// <summary>Records a decision for a purpose.</summary>
    public void Set(string purpose, ConsentRecord record) => Purposes[purpose] = record;

    /// <summary>Marketing SMS is allowed: opt-in recorded and not suppressed.</summary>
    public bool AllowsMarketingSms => Suppression is null && Get(ConsentPurpose.SmsMarketing)?.Granted == true;

    // ConsentRecord is immutable, so copying the dictionary is a deep copy.
    internal ConsentSet DeepCopy() => new()
    {
        Purposes = new Dictionary<string, ConsentRecord>(Purposes, Purposes.Comparer),
        Suppression = Suppression,
    };

    /// <summary>Transactional SMS is allowed unless explicitly withdrawn.</summary>
    public bool AllowsTransactionalSms => Get(ConsentPurpose.SmsTransactional)?.Granted != false;
}
