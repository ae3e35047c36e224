namespace Engagement.Transports.Http;

/// <summary>One transport the router may use, and when.</summary>
public sealed class SmsRoute
{
    /// <summary>The <c>ISmsTransport.Name</c> of the transport (SMPP or HTTP). Required.</summary>
    public string Transport { get; set; } = "";

    /// <summary>Lower is tried first. Default 0.</summary>
    public int Priority { get; set; }

    /// <summary>Share of traffic among routes with the same priority and cost. Default 1; must be positive.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>E.164 prefixes this route serves (<c>+86</c>, <c>+1</c>); empty means every destination. The longest matching prefix wins over shorter ones.</summary>
    public IList<string> CountryPrefixes { get; set; } = [];

    /// <summary>Cost per message, in any unit you use consistently; cheaper routes go first within a priority. Default 0.</summary>
    public decimal Cost { get; set; }
}
