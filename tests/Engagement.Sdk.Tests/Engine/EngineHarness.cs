using Engagement.Dispatching;
using Engagement.Events;
using Engagement.Messaging;
using Engagement.Profiles;
using Engagement.Storage;
using Engagement.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Sdk.Tests.Engine;

/// <summary>An engine on in-memory stores with a fake clock and a capturing transport.</summary>
internal sealed class EngineHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _sp;

    public EngineHarness(Action<EngagementBuilder>? configure = null)
    {
        Time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddEngagement(b =>
        {
            b.UseInMemoryStores().UseTransport(Transport);
            b.AddTemplate("promo", "en", "Hi {{ profile.attributes.first_name }}, 10% off today");
            b.AddTemplate("promo", "zh", "{{ profile.attributes.first_name }}，今日九折");
            b.AddTemplate("shipped", "", "Order {{ event.shipmentId }} is {{ event.status }}");
            b.AddTemplate("cart", "", "You left items in your cart");
            configure?.Invoke(b);
        });
        _sp = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }
    public CapturingTransport Transport { get; } = new();
    public IEngagementEngine Engine => _sp.GetRequiredService<IEngagementEngine>();
    public ISmsFeedback Feedback => _sp.GetRequiredService<ISmsFeedback>();
    public EngagementDispatcher Dispatcher => _sp.GetRequiredService<EngagementDispatcher>();
    public IMessageStore Messages => _sp.GetRequiredService<IMessageStore>();

    public static Profile Profile(string id, bool marketingOptIn = true, string locale = "en") => new()
    {
        UserId = id,
        Phone = "+86138" + (Math.Abs(id.GetHashCode()) % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
        Locale = locale,
        TimeZone = "Asia/Shanghai",
        Attributes = { ["first_name"] = "Li" },
        Consent = marketingOptIn
            ? new ConsentSet { Purposes = { [ConsentPurpose.SmsMarketing] = new ConsentRecord(true, Start.AddDays(-30), "signup_form") } }
            : new ConsentSet(),
    };

    public static EngagementEvent Event(string type, string user, DateTimeOffset at, params (string K, object? V)[] props) =>
        new(type, user, at) { Properties = props.ToDictionary(p => p.K, p => p.V) };

    public void Dispose() => _sp.Dispose();
}

/// <summary>Records what it is asked to send; can be told to fail.</summary>
internal sealed class CapturingTransport : ISmsTransport
{
    private int _n;
    public List<OutboundSms> Sent { get; } = [];
    public Func<OutboundSms, SendResult?>? Fail { get; set; }
    public string Name => "capture";

    public ValueTask<SendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        if (Fail?.Invoke(message) is { } failure) return ValueTask.FromResult(failure);
        lock (Sent) Sent.Add(message);
        return ValueTask.FromResult(SendResult.Success("p" + Interlocked.Increment(ref _n)));
    }
}
