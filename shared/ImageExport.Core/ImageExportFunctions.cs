using ImageExport.Core.Auth;
using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Jobs;
using ImageExport.Core.Notifications;
using ImageExport.Core.Notifications.Delivery;
using ImageExport.Core.Notify;
using ImageExport.Core.Poll;
using ImageExport.Core.Progress;
using ImageExport.Core.Start;
using ImageExport.Core.Storage;
using ImageExport.Core.Submission;
using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core;

/// <summary>What the workflow needs from the host: the cloud clients, the channels, settings, a clock and a logger.</summary>
public sealed record ImageExportDependencies(
    ICvmApi Cvm,
    ICosApi Cos,
    IReadOnlyList<INotificationChannel> Channels,
    ImageExportSettings Settings,
    TimeProvider Time,
    Serilog.ILogger Logger);

/// <summary>The three SCF functions of ImageExport, by handler name.</summary>
public static class ImageExportFunctions
{
    /// <summary>The HTTP API (Function URL or API gateway trigger).</summary>
    public const string Start = "exports.start";
    /// <summary>The reconciler (timer trigger).</summary>
    public const string Poll = "exports.poll";
    /// <summary>Landed files (COS trigger).</summary>
    public const string Notify = "exports.notify";

    /// <summary>Every handler name <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> HandlerNames { get; } = [Start, Poll, Notify];

    /// <summary>Builds the handler for <paramref name="handlerName"/> (the SCF <c>_HANDLER</c>).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="HandlerNames"/>.</exception>
    public static IFunctionHandler Create(string handlerName, ImageExportDependencies dependencies)
    {
        ArgumentNullException.ThrowIfNull(handlerName);
        ArgumentNullException.ThrowIfNull(dependencies);
        // The host adds Handler and RequestId to every event (the binary's logger, the runner's log context).
        var (cvm, cos, channels, settings, time, log) = dependencies;

        var state = new StateStore(cos, settings.StateBucket, settings.StatePrefix, new StateBucketVersioning(cos, settings.StateBucket, log));
        var store = new JobStore(state, log);
        var paths = new PathIndex(state, log);
        var submitter = new Submitter(cvm, store, paths, time, log);
        var factory = new NotificationFactory(cos, settings, log);
        var delivery = new NotificationDelivery(state, channels, settings, time, log);
        var announcer = new JobAnnouncer(delivery, factory, store);
        var unknown = new UnknownExports(state, delivery, factory, time, log);
        // The start use case knows no HTTP: a handler without an HTTP request (a timer) can start jobs through it too.
        StartExport NewStartExport() => new(settings, new ExportChecks(cvm, cos, settings), store, new IdempotencyKeys(state, time), paths, submitter, time);
        var pages = new IndexedJobPages(store, state);
        var scheduleIndex = new ScheduleIndex(pages, state);

        return handlerName switch
        {
            Start => new StartFunction(
                new StartHandler(
                    settings,
                    new ApiAuthenticator(settings),
                    NewStartExport(),
                    store,
                    new JobListing(pages),
                    new ImageCatalog(cvm, settings),
                    new ProgressReader(state, new ProgressObserver(cos, log, warnOnDenied: false), settings.ProgressEnabled, time, log),
                    new JobDetails(cos, state, channels, settings),
                    log,
                    scheduleIndex),
                new Schedules.ScheduleRunner(settings, cvm, new Schedules.ScheduledStart(NewStartExport()), scheduleIndex, delivery, time, log)),
            Poll => new PollHandler(settings, store, new JobReconciler(cvm, cos, store, submitter, settings, time, log), submitter, announcer, unknown,
                new ProgressSampler(settings, store, state, new ProgressObserver(cos, log), delivery, factory, cos, time, log), time, log,
                new Expiry.Retention(cos, store, paths, scheduleIndex, time, log)),
            Notify => new NotifyHandler(settings, paths, store, announcer, unknown, time, log),
            // The name comes from _HANDLER, so an unknown one is a configuration error like any other.
            _ => throw new ImageExport.Configuration.ImageExportConfigurationException(
                ImageExport.Configuration.ScfVariables.Handler, $"Unknown handler '{handlerName}'; expected one of {string.Join(", ", HandlerNames)}"),
        };
    }
}
