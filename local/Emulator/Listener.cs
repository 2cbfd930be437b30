using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageExport.Local.Emulator;

/// <summary>One Kestrel listener on 127.0.0.1 serving one handler; each emulated service gets its own port.</summary>
internal sealed class Listener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Listener(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>E.g. <c>http://127.0.0.1:9100</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; }

    public static async Task<Listener> StartAsync(int port, RequestDelegate handler, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(Listener).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new SerilogLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start (a port in use) reaches the caller as an exception; the host's own report of it is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // The process that owns the emulator decides when to stop; Ctrl+C must not stop one listener behind its back.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            // Multipart parts go up to 5 GiB in COS.
            kestrel.Limits.MaxRequestBodySize = 5L << 30;
        });
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address);
        return new Listener(app, new Uri($"http://127.0.0.1:{bound.Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
