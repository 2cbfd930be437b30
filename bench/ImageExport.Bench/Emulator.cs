using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Bench;

/// <summary>The local emulator (local/Emulator/EmulatorHost) in this process, with the figures the bench reads.</summary>
internal sealed class Emulator : IAsyncDisposable
{
    private readonly EmulatorHost _host;

    private Emulator(EmulatorHost host) => _host = host;

    public Uri Cvm => _host.CvmEndpoint;

    public Uri Cos => _host.CosEndpoint;

    public string Region => _host.Region;

    public string AppId => _host.AppId;

    public string Bucket => _host.DefaultBucket;

    public TencentCredentials Credentials => _host.Credentials;

    /// <summary>Every COS request that reached the emulator.</summary>
    public int CosRequests => _host.Counters.CosRequests;

    public int CvmCalls(string action) => _host.Counters.ActionCalls(action);

    public int CvmRequests => CvmCalls("DescribeImages") + CvmCalls("ExportImages");

    public static async Task<Emulator> StartAsync(string stateDirectory, JsonArray images, double exportSecondsPerGib)
    {
        var options = new EmulatorOptions
        {
            StateDirectory = stateDirectory,
            Images = images,
            ExportSecondsPerGib = exportSecondsPerGib,
            RunningExportLimit = 1_000_000,
        };
        return new Emulator(await EmulatorHost.StartAsync(options, CancellationToken.None));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
