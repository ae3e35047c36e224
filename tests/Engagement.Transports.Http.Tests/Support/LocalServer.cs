using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engagement.Transports.Http.Tests.Support;

/// <summary>A Kestrel server on 127.0.0.1 and a free port, answering every request with <paramref name="handler"/>.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LocalServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LocalServer> StartAsync(Func<HttpContext, Task> handler, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", $"http://127.0.0.1:{port}"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalServer(app);
        app.Run(async ctx =>
        {
            Interlocked.Increment(ref server._requests);
            await handler(ctx);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
