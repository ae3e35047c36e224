using Engagement.Testing;
using Engagement.Transports.Smpp.Sessions;

namespace Engagement.Transports.Smpp.Tests.Integration;

public class RateLimiterTests
{
    [Fact]
    public void WaitAsync_TenPerSecond_AllowsBurstThenSpacesByFakeClock()
    {
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromSeconds(10));
        var limiter = new RateLimiter(10, time);

        var waits = Enumerable.Range(0, 21).Select(_ => limiter.WaitAsync(CancellationToken.None).AsTask()).ToList();

        Assert.Equal(11, waits.Count(w => w.IsCompleted)); // ten banked slots plus the current one
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(16, waits.Count(w => w.IsCompleted));
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.All(waits, w => Assert.True(w.IsCompleted));
    }

    [Fact]
    public void WaitAsync_Unlimited_NeverWaits()
    {
        var limiter = new RateLimiter(0, new FakeTimeProvider());
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(limiter.WaitAsync(CancellationToken.None).IsCompletedSuccessfully));
    }
}
