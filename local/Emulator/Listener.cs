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

/// <summary>
/// One Kestrel listener on 127.0.0.1 serving one handler: each emulated service, the gateway and every function
/// instance's runtime API get their own. Built from the empty builder, as process-mode cold starts pay for it: no
/// configuration files to read or watch, no hosting services.
/// </summary>
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

    /// <summary>Starts listening on <paramref name="port"/> (0: any free port, see <see cref="BaseAddress"/>).</summary>
    public static async Task<Listener> StartAsync(int port, RequestDelegate handler, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(Listener).Assembly.GetName().Name });
        builder.Logging.AddProvider(new SerilogLoggerProvider(log)).SetMinimumLevel(LogLevel.Warning);
        // A failed start (a port in use) reaches the caller as an exception; the host's own report of it is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // The process that owns the listener decides when to stop; Ctrl+C must not stop one behind its back.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
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
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Listener(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}"));
    }

    public async ValueTask DisposeAsync()
    {
        // A runtime API's pending long polls end before this (the instance cancels them), so a stop does not wait on them.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
