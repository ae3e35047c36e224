namespace Engagement.Profiles;

/// <summary>Consent purposes per channel.</summary>
public static class ConsentPurpose
{
    /// <summary>Promotional SMS. Needs a recorded opt-in.</summary>
    public const string SmsMarketing = "sms_marketing";

    /// <summary>Service SMS (logistics). Allowed without opt-in; a recorded withdrawal is respected.</summary>
    public const string SmsTransactional = "sms_transactional";
}
