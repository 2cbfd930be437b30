using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.TencentCloud;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Local.Tests.Emulator.Support;

/// <summary>An in-process emulator on free ports over a fresh state directory, with the project's clients pointed at it.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private readonly bool _ownsState;

    private TestEmulator(EmulatorHost host, string stateDirectory, TimeProvider time, bool ownsState)
    {
        _ownsState = ownsState;
        Host = host;
        StateDirectory = stateDirectory;
        Time = time;
        Http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    public EmulatorHost Host { get; }

    public string StateDirectory { get; }

    public TimeProvider Time { get; }

    public HttpClient Http { get; }

    public static async Task<TestEmulator> StartAsync(
        JsonArray? images = null, Func<EmulatorOptions, EmulatorOptions>? configure = null, TimeProvider? time = null, string? stateDirectory = null)
    {
        var ownsState = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("emulator-test-").FullName;
        var clock = time ?? TimeProvider.System;
        var options = new EmulatorOptions
        {
            StateDirectory = stateDirectory,
            Images = images ?? DefaultCatalog(),
            // Tiny, so that exports land in tens of milliseconds.
            ExportSecondsPerGib = 0.001,
            TimeProvider = clock,
        };
        var host = await EmulatorHost.StartAsync(configure?.Invoke(options) ?? options, CancellationToken.None);
        return new TestEmulator(host, stateDirectory, clock, ownsState);
    }

    public static JsonArray DefaultCatalog() =>
        Some.Catalog(
            Some.Image("img-linux001", systemGib: 20, dataGib: [10]),
            Some.Image("img-linux002", systemGib: 30),
            Some.Image("img-linux003", systemGib: 8),
            Some.Image("img-windows1", platform: "Windows", osName: "Windows Server 2019 数据中心版 64位中文版"),
            Some.Image("img-bigdisk1", systemGib: 50, dataGib: [600]),
            Some.Image("img-sixdisks", dataGib: [10, 10, 10, 10, 10, 10]),
            Some.Image("img-public01", type: "PUBLIC_IMAGE", platform: "TencentOS", osName: "TencentOS Server 3.1 (TK4)"),
            Some.Image("img-shared01", type: "SHARED_IMAGE"),
            Some.Image("img-creating", state: "CREATING"),
            Some.Image("img-market01", hints: new JsonObject { ["MarketImage"] = true }),
            Some.Image("img-crypted1", hints: new JsonObject { ["Encrypted"] = true }),
            Some.Image("img-redhat01", platform: "Red Hat", osName: "Red Hat Enterprise Linux 8.6 64位"));

    public TencentCloudSettings Settings => new()
    {
        Region = Host.Region,
        AppId = Host.AppId,
        CvmEndpoint = Host.CvmEndpoint,
        CosEndpoint = Host.CosEndpoint,
    };

    public CvmClient Cvm(TencentCredentials? credentials = null) =>
        new(Http, new FixedCredentials(credentials ?? Host.Credentials), Settings, Time, Serilog.Core.Logger.None, new RetryOptions { MaxAttempts = 1 });

    public CosClient Cos(TencentCredentials? credentials = null) =>
        new(Http, new FixedCredentials(credentials ?? Host.Credentials), Settings, Time, Serilog.Core.Logger.None, new RetryOptions { MaxAttempts = 1 });

    /// <summary>Waits (30 s at most) until every export started so far has landed.</summary>
    public Task ExportsIdleAsync() => Host.WhenExportsIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Moves a fake clock past <paramref name="duration"/> and on, a second at a time, until every export has landed: an
    /// export that read the clock just before an advance sets its timer just after it, and needs one more nudge.
    /// </summary>
    public async Task AdvanceUntilExportsIdleAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan duration)
    {
        var idle = Host.WhenExportsIdleAsync();
        time.Advance(duration);
        for (var i = 0; i < 300 && !idle.IsCompleted; i++)
        {
            await Task.WhenAny(idle, Task.Delay(TimeSpan.FromMilliseconds(20)));
            if (!idle.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(idle.IsCompleted, "the exports landed");
        await idle;
    }

    public RawCvm RawCvm => new(this);

    public RawCos RawCos => new(this);

    /// <summary>The error code a CVM call fails with.</summary>
    public static async Task<string> CvmErrorAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<TencentCloudException>(call);
        return error.Code;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        if (_ownsState)
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
    }
}
