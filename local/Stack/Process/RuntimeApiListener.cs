using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImageExport.Local.Stack.Process;

/// <summary>
/// The HTTP side of one instance's runtime API: Kestrel on 127.0.0.1 and a free port. Built from the empty builder,
/// as every cold start pays for it: no configuration files to read or watch, no hosting services.
/// </summary>
internal sealed class RuntimeApiListener : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RuntimeApiListener(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<RuntimeApiListener> StartAsync(RequestDelegate handler, Serilog.ILogger log)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.AddProvider(new Emulator.SerilogLoggerProvider(log)).SetMinimumLevel(LogLevel.Warning);
        // The stack stops its instances itself; a Ctrl+C must not take one runtime API away from a running instance.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RuntimeApiListener(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        // Pending long polls end before this (the instance cancels them), so a stop does not wait on them.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
