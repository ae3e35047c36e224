using BenchmarkDotNet.Attributes;
using Engagement.Templating;

namespace Engagement.Bench.Templating;

[MemoryDiagnoser]
[ShortRunJob]
public class TemplateBenchmarks
{
    private string _smsSource = "";
    private string _listingSource = "";
    private LiquidTemplate _sms = null!;
    private LiquidTemplate _listing = null!;
    private object? _smsData;
    private object? _listingData;

    [GlobalSetup]
    public void Setup()
    {
        _smsSource = BenchInputs.Source("sms");
        _listingSource = BenchInputs.Source("listing");
        _sms = LiquidTemplate.Parse(_smsSource, BenchInputs.Options);
        _listing = LiquidTemplate.Parse(_listingSource, BenchInputs.Options);
        _smsData = BenchInputs.Data("sms");
        _listingData = BenchInputs.Data("listing");
    }

    [Benchmark]
    public LiquidTemplate ParseSms() => LiquidTemplate.Parse(_smsSource, BenchInputs.Options);

    [Benchmark]
    public string RenderSms() => _sms.Render(_smsData);

    [Benchmark]
    public LiquidTemplate ParseListing() => LiquidTemplate.Parse(_listingSource, BenchInputs.Options);

    [Benchmark]
    public string RenderListing() => _listing.Render(_listingData);
}
