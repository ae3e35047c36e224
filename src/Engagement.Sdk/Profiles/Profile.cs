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
    public Dictionary<string, string> Attributes
    {
        get => _attributes ??= new(StringComparer.Ordinal);
        set => _attributes = value;
    }

    /// <summary>Consent per purpose and suppression.</summary>
    public ConsentSet Consent
    {
        get => _consent ??= new();
        set => _consent = value;
    }

    /// <summary>Aggregates maintained from tracked events.</summary>
    public ProfileAggregates Aggregates
    {
        get => _aggregates ??= new();
        set => _aggregates = value;
    }

    // Made on first read, so that a copy can take over (or share) the parts instead of replacing defaults.
    private Dictionary<string, string>? _attributes;
    private ConsentSet? _consent;
    private ProfileAggregates? _aggregates;

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
        var c = Shell();
        if (_attributes is { } attributes) c._attributes = new Dictionary<string, string>(attributes, attributes.Comparer);
        if (_scores is { } scores) c._scores = new Dictionary<string, double>(scores, scores.Comparer);
        if (_consent is { } consent) c._consent = consent.DeepCopy();
        if (_aggregates is { } aggregates) c._aggregates = aggregates.Copy();
        return c;
    }

    /// <summary>
    /// The engine's working copy for one event: its own aggregates (every event changes them), but
    /// attributes, consent and scores shared with this profile, which the engine never changes
    /// during an event unless it first calls <see cref="OwnConsent"/> or <see cref="OwnScores"/>.
    /// Only for a stored profile whose shared parts nobody changes in place (an adopted one, see
    /// <c>IAdoptingProfileStore</c>; its own fields and aggregates may be, by <see cref="TakeOver"/>).
    /// </summary>
    internal Profile CopyForEvent()
    {
        var c = new Profile { UserId = UserId };
        c.TakeOver(this); // the same parts, in the other direction
        return c;
    }

    /// <summary>
    /// Makes this instance read as <paramref name="other"/>: scalars and the shared parts
    /// (attributes, consent, scores) are taken over, and the aggregates are copied into this
    /// instance's own. The in-memory store does this with the engine's working copy after an event
    /// instead of keeping it, so that a long-lived profile is not replaced by a new one (two new
    /// objects for the collector to promote) on every event; the caller holds the lock that
    /// readers of the stored instance take. <see cref="CopyForEvent"/> is the same from a new instance.
    /// </summary>
    internal void TakeOver(Profile other)
    {
        Phone = other.Phone;
        Locale = other.Locale;
        TimeZone = other.TimeZone;
        Tier = other.Tier;
        _attributes = other._attributes;
        _consent = other._consent;
        _scores = other._scores;
        // Never the other's own aggregates: a trigger or a rule trace may hold the working copy,
        // and what it saw must not change when the stored instance is updated by a later event.
        if (other._aggregates is not { } aggregates) _aggregates = null;
        else if (_aggregates is null) _aggregates = aggregates.Copy();
        else _aggregates.CopyFrom(aggregates);
    }

    // The copy's scalar fields; the parts are the callers' choice (copied or shared).
    private Profile Shell() => new() { UserId = UserId, Phone = Phone, Locale = Locale, TimeZone = TimeZone, Tier = Tier };

    /// <summary>Replaces a shared consent set by a copy of it before the engine changes it (opt-out, opt-in by reply).</summary>
    internal void OwnConsent() => _consent = _consent?.DeepCopy();

    /// <summary>Replaces a shared score dictionary by a copy of it before scores are written.</summary>
    internal void OwnScores()
    {
        if (_scores is { } scores) _scores = new Dictionary<string, double>(scores, scores.Comparer);
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
