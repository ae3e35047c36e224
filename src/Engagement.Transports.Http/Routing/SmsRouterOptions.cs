namespace Engagement.Transports.Http;

/// <summary>Settings of the SMS router (<c>services.AddSmsRouter(...)</c>).</summary>
public sealed class SmsRouterOptions
{
    /// <summary>The router's own transport name. Default <c>router</c>.</summary>
    public string Name { get; set; } = "router";

    /// <summary>Routes; at least one.</summary>
    public IList<SmsRoute> Routes { get; set; } = [];

    /// <summary>A provider whose delivery rate over the window is below this is demoted. Default 0.98.</summary>
    public double DeliveryRateThreshold { get; set; } = 0.98;

    /// <summary>Final delivery reports kept per provider (sliding window). Default 200.</summary>
    public int HealthWindow { get; set; } = 200;

    /// <summary>Reports needed in the window before a provider can be demoted. Default 50.</summary>
    public int HealthMinimumReports { get; set; } = 50;

    /// <summary>Share of messages sent to a demoted provider first, so fresh reports can show it recovered. Default 0.02; 0 disables probing.</summary>
    public double DemotedProbeRatio { get; set; } = 0.02;

    /// <summary>
    /// Whether to try the next provider after an ambiguous failure (timeout, unreadable response), where the
    /// first provider may already have taken the message. Default false: the failure goes back to the
    /// dispatcher, so a message is never sent twice by failover.
    /// </summary>
    public bool FailoverOnAmbiguousFailure { get; set; }

    /// <summary>
    /// After an ambiguous failure, how long re-sends of that message stay pinned to the same provider before
    /// failover is allowed again (accepting the risk of a duplicate). Default 15 minutes.
    /// </summary>
    public TimeSpan AmbiguousPinDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Routing traces kept for <c>ISmsRouter.GetTrace</c>. Default 10000.</summary>
    public int MaxTraces { get; set; } = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"SMS router '{Name}': {what}");
        }
        Require(!string.IsNullOrWhiteSpace(Name), "Name is required.");
        Require(Routes.Count > 0, "add at least one route (Routes).");
        for (var i = 0; i < Routes.Count; i++)
        {
            var r = Routes[i];
            Require(!string.IsNullOrWhiteSpace(r.Transport), $"Routes[{i}].Transport is required.");
            Require(r.Transport != Name, $"Routes[{i}] points at the router itself.");
            Require(r.Weight > 0, $"Routes[{i}] ('{r.Transport}').Weight must be positive (was {r.Weight}).");
            Require(r.Cost >= 0, $"Routes[{i}] ('{r.Transport}').Cost must not be negative.");
            foreach (var p in r.CountryPrefixes)
                Require(p.Length >= 2 && p[0] == '+' && p.Skip(1).All(char.IsAsciiDigit), $"Routes[{i}] ('{r.Transport}') prefix '{p}' must look like '+86'.");
        }
        Require(DeliveryRateThreshold is >= 0 and <= 1, $"DeliveryRateThreshold must be in [0, 1] (was {DeliveryRateThreshold}).");
        Require(HealthWindow >= 1, "HealthWindow must be at least 1.");
        Require(HealthMinimumReports >= 1 && HealthMinimumReports <= HealthWindow, "HealthMinimumReports must be between 1 and HealthWindow.");
        Require(DemotedProbeRatio is >= 0 and <= 1, "DemotedProbeRatio must be in [0, 1].");
        Require(AmbiguousPinDuration >= TimeSpan.Zero, "AmbiguousPinDuration must not be negative.");
        Require(MaxTraces >= 0, "MaxTraces must not be negative.");
    }
}
