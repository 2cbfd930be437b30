using System.Reflection;
using System.Text.Json.Nodes;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Bench;

/// <summary>
/// The local emulator (local/Emulator/EmulatorHost) in this process. Its types are internal to the local stack and
/// the bench must not change local/, so they are reached by reflection, here and nowhere else.
/// </summary>
internal sealed class Emulator : IAsyncDisposable
{
    private readonly object _host;
    private readonly object _counters;

    private Emulator(object host)
    {
        _host = host;
        _counters = Get(host, "Counters");
    }

    public Uri Cvm => (Uri)Get(_host, "CvmEndpoint");

    public Uri Cos => (Uri)Get(_host, "CosEndpoint");

    public string Region => (string)Get(_host, "Region");

    public string AppId => (string)Get(_host, "AppId");

    public string Bucket => (string)Get(_host, "DefaultBucket");

    public TencentCredentials Credentials => (TencentCredentials)Get(_host, "Credentials");

    /// <summary>Every COS request that reached the emulator.</summary>
    public int CosRequests => (int)Get(_counters, "CosRequests");

    public int CvmCalls(string action) =>
        (int)_counters.GetType().GetMethod("ActionCalls", BindingFlags.Public | BindingFlags.Instance)!.Invoke(_counters, [action])!;

    public int CvmRequests => CvmCalls("DescribeImages") + CvmCalls("ExportImages");

    public static async Task<Emulator> StartAsync(string stateDirectory, JsonArray images, double exportSecondsPerGib)
    {
        var assembly = Assembly.Load("ImageExport.Local");
        var optionsType = assembly.GetType("ImageExport.Local.Emulator.EmulatorOptions", throwOnError: true)!;
        var hostType = assembly.GetType("ImageExport.Local.Emulator.EmulatorHost", throwOnError: true)!;
        var options = Activator.CreateInstance(optionsType)!;
        Set(options, "StateDirectory", stateDirectory);
        Set(options, "Images", images);
        Set(options, "ExportSecondsPerGib", exportSecondsPerGib);
        Set(options, "RunningExportLimit", 1_000_000);
        var start = hostType.GetMethod("StartAsync", BindingFlags.Public | BindingFlags.Static)!;
        var task = (Task)start.Invoke(null, [options, CancellationToken.None])!;
        await task;
        return new Emulator(task.GetType().GetProperty("Result")!.GetValue(task)!);
    }

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_host).DisposeAsync();

    private static object Get(object target, string name) =>
        target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(target)!;

    private static void Set(object target, string name, object value) =>
        target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(target, value);
}
