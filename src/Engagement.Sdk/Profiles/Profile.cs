namespace Engagement.Profiles;

/// <summary>
/// A customer as the engine sees it: contact, locale and time zone, tier, custom attributes,
/// consent, rolling aggregates and model scores.
/// </summary>
public sealed class Profile
{
    /// <summary>The shop's user id.</summary>
    public required string UserId { get; init; }

    /// <summary>Mobile number in E.164, or null when unknown (no SMS then).</summary>
    public string? Phone { get; set; }

    /// <summary>BCP 47 locale (<c>zh-CN</c>, <c>en-GB</c>); picks template variants and the opt-out footer.</summary>
    public string Locale { get; set; } = "en";

    /// <summary>IANA time zone (<c>Asia/Shanghai</c>); send windows are in this zone.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Customer tier (<c>regular</c>, <c>vip</c>); caps depend on it.</summary>
    public string Tier { get; set; } = "regular";

    /// <summary>Custom attributes (<c>first_name</c>, <c>birthday</c>, ...).</summary>
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Consent per purpose and suppression.</summary>
    public ConsentSet Consent { get; set; } = new();

    /// <summary>Aggregates maintained from tracked events.</summary>
    public ProfileAggregates Aggregates { get; set; } = new();

    /// <summary>Model scores (<c>churn</c>, <c>propensity</c>, <c>clv</c>, <c>p_alive</c>).</summary>
    public Dictionary<string, double> Scores
    {
        get => _scores ??= new(StringComparer.Ordinal);
        set => _scores = value;
    }

    // Most profiles have no scores; the dictionary exists once something reads or writes it.
    private Dictionary<string, double>? _scores;
    private static readonly IReadOnlyDictionary<string, double> s_noScores = new Dictionary<string, double>();

    /// <summary>The scores for reading, without creating the dictionary when there are none.</summary>
    internal IReadOnlyDictionary<string, double> ScoresOrEmpty => _scores ?? s_noScores;

    /// <summary>Checks the profile at the boundary; throws <see cref="EngagementValidationException"/> naming the field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(UserId) || UserId.Length > 128)
            throw new EngagementValidationException("userId", "must be 1 to 128 characters.");
        if (Phone is not null) PhoneNumber.Validate(Phone, "phone");
        if (TimeZones.Find(TimeZone) is null)
            throw new EngagementValidationException("timeZone", $"'{TimeZone}' is not a known IANA time zone (e.g. Asia/Shanghai).");
        if (string.IsNullOrWhiteSpace(Locale))
            throw new EngagementValidationException("locale", "must be a BCP 47 tag such as zh-CN or en.");
        if (string.IsNullOrWhiteSpace(Tier))
            throw new EngagementValidationException("tier", "must not be empty.");
    }

    /// <summary>
    /// A deep copy: no mutable part (attributes, consent, aggregates, scores) is shared. Stores copy
    /// profiles in and out so a caller's changes never leak into stored state; this is the fast
    /// path for that (the in-memory store), the JSON form is the durable one.
    /// </summary>
    internal Profile DeepCopy()
    {
        // Fill the parts the constructor already made rather than replacing them: a copy then
        // allocates only what holds data.
        var c = new Profile { UserId = UserId, Phone = Phone, Locale = Locale, TimeZone = TimeZone, Tier = Tier };
        c.Attributes = CopyInto(Attributes, c.Attributes);
        if (_scores is { Count: > 0 } scores) c.Scores = new Dictionary<string, double>(scores, scores.Comparer);
        else if (_scores is { } empty && !ReferenceEquals(empty.Comparer, StringComparer.Ordinal)) c.Scores = new Dictionary<string, double>(empty.Comparer);
        c.Consent.Purposes = CopyInto(Consent.Purposes, c.Consent.Purposes); // ConsentRecord is immutable
        c.Consent.Suppression = Consent.Suppression;
        var (a, b) = (Aggregates, c.Aggregates);
        b.FirstSeenAt = a.FirstSeenAt;
        b.LastSeenAt = a.LastSeenAt;
        b.OrderCount = a.OrderCount;
        b.TotalSpent = a.TotalSpent;
        b.LastOrderAt = a.LastOrderAt;
        b.LastCartAt = a.LastCartAt;
        b.LinkClicks = a.LinkClicks;
        b.EventCount = a.EventCount;
        return c;
    }

    // Fills the empty default dictionary, or makes a new one when the source has another comparer.
    private static Dictionary<string, TValue> CopyInto<TValue>(Dictionary<string, TValue> from, Dictionary<string, TValue> to)
    {
        if (!ReferenceEquals(from.Comparer, to.Comparer)) return new Dictionary<string, TValue>(from, from.Comparer);
        if (from.Count == 0) return to;
        to.EnsureCapacity(from.Count);
        foreach (var (k, v) in from) to[k] = v;
        return to;
    }

    /// <summary>The user's time zone, resolved.</summary>
    /// <exception cref="TimeZoneNotFoundException">The zone is not known on this machine.</exception>
    public TimeZoneInfo ResolveTimeZone() =>
        TimeZones.Find(TimeZone) ?? throw new TimeZoneNotFoundException($"The time zone '{TimeZone}' of profile {UserId} is not known on this machine.");

    /// <summary>The language part of <see cref="Locale"/> (<c>zh</c> for <c>zh-CN</c>).</summary>
    public string Language
    {
        get
        {
            var cut = Locale.AsSpan().IndexOfAny('-', '_');
            var lang = cut < 0 ? Locale.AsSpan() : Locale.AsSpan(0, cut);
            // The common cases without an allocation per call.
            if (lang.SequenceEqual("zh")) return "zh";
            if (lang.SequenceEqual("en")) return "en";
            return lang.ToString().ToLowerInvariant();
        }
    }
}
