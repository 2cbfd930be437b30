using System.Text;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Stack;
using ImageExport.Local.Tests.Emulator.Support;

namespace ImageExport.Local.Tests.Process.Support;

/// <summary>
/// The unpacked SCF package and an emulated cloud for it to talk to, shared by a test class: the three functions as
/// serverless.yml declares them, with the environment the local stack gives them.
/// </summary>
public sealed class PackagedFunctions : IAsyncLifetime
{
    private string _directory = "";
    private TestEmulator? _emulator;

    public string BootstrapPath { get; private set; } = "";

    internal TestEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    internal LocalFunction Start => Function("start", "exports.start");

    internal LocalFunction Poll => Function("poll", "exports.poll");

    internal LocalFunction Notify => Function("notify", "exports.notify");

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("scf-package-").FullName;
        BootstrapPath = await PackagedBinary.UnpackAsync(_directory);
        _emulator = await TestEmulator.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    internal static byte[] HealthCheck() =>
        Encoding.UTF8.GetBytes("""{"httpMethod":"GET","path":"/healthz","headers":{"accept":"*/*"},"queryString":{},"body":""}""");

    internal static byte[] TimerTick() =>
        Encoding.UTF8.GetBytes("""{"Type":"Timer","TriggerName":"reconcile","Time":"2026-11-26T06:00:00Z","Message":""}""");

    /// <summary>The COS trigger event the emulator raises for a new object, as the notify function would get it.</summary>
    internal async Task<byte[]> ObjectCreatedAsync(string key)
    {
        using var events = new EventCollector(Emulator.Host);
        await Emulator.Host.Cos.WriteSparseObjectAsync(
            Emulator.Host.DefaultBucket, key, 4096, new CosRequestOrigin(Guid.NewGuid().ToString(), "127.0.0.1", null), CancellationToken.None);
        var created = (await events.WaitForAsync(1)).Single(e => e.Key == key);
        return created.Json.ToArray();
    }

    private LocalFunction Function(string name, string handler)
    {
        var host = Emulator.Host;
        var environment = new Dictionary<string, string>
        {
            ["TENCENTCLOUD_REGION"] = host.Region,
            ["TENCENTCLOUD_APPID"] = host.AppId,
            ["TENCENTCLOUD_SECRETID"] = host.Credentials.SecretId,
            ["TENCENTCLOUD_SECRETKEY"] = host.Credentials.SecretKey,
            ["IMAGEEXPORT_CVM_ENDPOINT"] = host.CvmEndpoint.ToString(),
            ["IMAGEEXPORT_COS_ENDPOINT"] = host.CosEndpoint.ToString(),
            ["IMAGEEXPORT_DEFAULT_BUCKET"] = host.DefaultBucket,
            ["IMAGEEXPORT_API_TOKENS"] = "process-invoker-test-token",
        };
        return new LocalFunction(name, handler, 256, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20), environment);
    }
}
