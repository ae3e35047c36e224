using Microsoft.Extensions.Hosting;

namespace Engagement.Dispatching;

/// <summary>Runs the dispatcher and fires due timers in the background of a generic host.</summary>
internal sealed class EngagementHostedService(EngagementDispatcher dispatcher, IEngagementEngine engine, EngagementOptions options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = Task.Run(async () =>
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await engine.ProcessDueTimersAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(options.DispatchPollInterval * 5, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, stoppingToken);
        await dispatcher.RunAsync(stoppingToken).ConfigureAwait(false);
        await timers.ConfigureAwait(false);
    }
}
