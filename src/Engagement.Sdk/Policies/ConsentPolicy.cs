using Engagement.Messaging;
using Engagement.Profiles;

namespace Engagement.Policies;

/// <summary>
/// Marketing needs a recorded SMS marketing opt-in and no suppression; transactional messages
/// need no opt-in but respect an explicit withdrawal. Every message needs a phone number.
/// </summary>
internal sealed class ConsentPolicy : IDeliveryPolicy
{
    public string Name => "consent";

    public ValueTask<PolicyVerdict> EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        var p = context.Profile;
        if (p.Phone is null) return Verdict(PolicyVerdict.Drop("no phone number on the profile"));
        if (context.Candidate.Category == MessageCategory.Transactional)
        {
            return Verdict(p.Consent.AllowsTransactionalSms
                ? PolicyVerdict.Allow("transactional: no opt-in needed")
                : PolicyVerdict.Drop($"transactional SMS withdrawn ({Describe(p.Consent.Get(ConsentPurpose.SmsTransactional))})"));
        }
        if (p.Consent.Suppression is { } s)
            return Verdict(PolicyVerdict.Drop($"suppressed: opted out {Describe(s)}"));
        var optIn = p.Consent.Get(ConsentPurpose.SmsMarketing);
        if (optIn is null) return Verdict(PolicyVerdict.Drop("no recorded SMS marketing opt-in"));
        if (!optIn.Granted) return Verdict(PolicyVerdict.Drop($"SMS marketing consent withdrawn {Describe(optIn)}"));
        return Verdict(PolicyVerdict.Allow(new OptedIn(optIn))); // the common case: formatted only if read
    }

    private sealed class OptedIn(ConsentRecord optIn) : PolicyReason
    {
        protected override string Format() => "SMS marketing opt-in " + Describe(optIn);
    }

    private static string Describe(ConsentRecord? r) =>
        r is null ? "(no record)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"at {r.At:O} via {r.Source}");

    private static ValueTask<PolicyVerdict> Verdict(PolicyVerdict v) => ValueTask.FromResult(v);
}
