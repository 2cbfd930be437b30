using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Emulator.Cvm;
using ImageExport.Local.Emulator.Faults;
using ImageExport.TencentCloud.Credentials;

namespace ImageExport.Local.Emulator;

/// <summary>
/// The emulated cloud, in-process: CVM API 3.0 and COS (XML API, path-style) on their own 127.0.0.1 ports, sharing
/// one account (credentials, APPID, region) and one state directory. Start with <see cref="StartAsync"/>, stop by
/// disposing. Tests use it directly; the local stack wires the functions to it.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    private readonly Listener _cvm;
    private readonly Listener _cos;
    private readonly CosEventDispatcher _events;
    private readonly ExportTasks _exports;

    private EmulatorHost(
        EmulatorOptions options, EmulatorCredentials credentials, EmulatedCos cos, CosEventDispatcher events, ExportTasks exports,
        EmulatorCounters counters, Listener cvm, Listener cosListener, FaultInjector faults)
    {
        Faults = faults;
        Options = options;
        Credentials = credentials.Permanent;
        TemporaryCredentials = credentials.Temporary;
        Cos = cos;
        _events = events;
        _exports = exports;
        Counters = counters;
        _cvm = cvm;
        _cos = cosListener;
    }

    public EmulatorOptions Options { get; }

    /// <summary>E.g. <c>http://127.0.0.1:9100</c>: point a CVM client's endpoint here.</summary>
    public Uri CvmEndpoint => _cvm.BaseAddress;

    /// <summary>E.g. <c>http://127.0.0.1:9200</c>: objects are at <c>{CosEndpoint}/&lt;bucket&gt;/&lt;key&gt;</c>.</summary>
    public Uri CosEndpoint => _cos.BaseAddress;

    public string Region => Options.Region;

    public string AppId => Options.AppId;

    public string DefaultBucket => Options.DefaultBucket;

    /// <summary>The account's permanent key pair; random per state directory and kept there.</summary>
    public TencentCredentials Credentials { get; }

    /// <summary>A temporary key set, as an SCF execution role gets: requests must carry its session token.</summary>
    public TencentCredentials TemporaryCredentials { get; }

    public EmulatorCounters Counters { get; }

    /// <summary>The faults injected so far (<see cref="EmulatorOptions.Faults"/>); empty without a plan.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Direct access to the emulated COS (buckets, objects), bypassing HTTP and signatures.</summary>
    public EmulatedCos Cos { get; }

    /// <summary>Images exporting right now (each counts against the running-export limit).</summary>
    public int RunningExports => _exports.RunningCount;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Logger.ForContext<EmulatorHost>();
        Directory.CreateDirectory(options.StateDirectory);
        var catalog = new ImageCatalog(options.Images);
        var credentials = EmulatorCredentials.LoadOrCreate(options.StateDirectory);
        var counters = new EmulatorCounters();
        var storage = new CosStorage(options.StateDirectory, options.TimeProvider);
        foreach (var bucket in options.Buckets ?? options.StandardBuckets)
        {
            storage.EnsureBucket(bucket);
        }

        var faults = new FaultInjector(options.Faults);
        var events = new CosEventDispatcher(options.Logger, faults);
        var cos = new EmulatedCos(storage, new CosEventFactory(options.AppId, options.TimeProvider, options.CosEventNames), events, counters, options.Logger);
        var exports = new ExportTasks(options.StateDirectory, cos, counters, options);
        var cvmEndpoint = new CvmEndpoint(
            new Tc3Authenticator(credentials, options.TimeProvider),
            new DescribeImagesAction(catalog),
            new ExportImagesAction(catalog, storage, exports, counters, options),
            counters, options.Region, options.Logger, faults);
        var cosEndpoint = new CosEndpoint(cos, new CosAuthenticator(credentials, options.TimeProvider), counters, options.AppId, options.Region, options.Logger, faults);

        Listener? cvm = null;
        try
        {
            cvm = await Listener.StartAsync(options.CvmPort, cvmEndpoint.HandleAsync, options.Logger, cancellationToken);
            var cosListener = await Listener.StartAsync(options.CosPort, cosEndpoint.HandleAsync, options.Logger, cancellationToken);
            exports.ResumePending();
            log.Debug("Emulator listening: CVM {Cvm}, COS {Cos}, region {Region}, APPID {AppId}", cvm.BaseAddress, cosListener.BaseAddress, options.Region, options.AppId);
            if (faults.Enabled)
            {
                log.Warning("Fault injection is on: {FaultPlan}", faults.Plan);
            }

            return new EmulatorHost(options, credentials, cos, events, exports, counters, cvm, cosListener, faults);
        }
        catch
        {
            if (cvm is not null)
            {
                await cvm.DisposeAsync();
            }

            await exports.DisposeAsync();
            await events.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Receives every COS trigger event (objects created by PUT, by multipart completion, by exports) in the
    /// background, in order. Exceptions are logged and do not reach the request that created the object.
    /// Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(Func<CosObjectCreated, CancellationToken, Task> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return _events.Subscribe(subscriber);
    }

    /// <summary>Completes when every export started so far has landed its files (or failed).</summary>
    public Task WhenExportsIdleAsync() => _exports.WhenIdleAsync();

    public async ValueTask DisposeAsync()
    {
        await _cvm.DisposeAsync();
        await _cos.DisposeAsync();
        await _exports.DisposeAsync();
        await _events.DisposeAsync();
    }
}
