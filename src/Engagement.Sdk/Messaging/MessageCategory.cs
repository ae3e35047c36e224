namespace Engagement.Messaging;

/// <summary>Why a message is sent; decides consent rules, caps and the footer.</summary>
public enum MessageCategory
{
    /// <summary>Service messages the user needs (logistics, verification). Need no marketing opt-in, exempt from caps, still recorded.</summary>
    Transactional = 0,

    /// <summary>Promotional messages. Need a recorded SMS marketing opt-in, carry signature and opt-out footer, count against caps.</summary>
    Marketing = 1,
}
