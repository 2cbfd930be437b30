using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Stack.Serverless;
using ILogger = Serilog.ILogger;

namespace ImageExport.Local.Stack.Triggers;

/// <summary>
/// The COS triggers of serverless.yml, fed by the emulator's events: an event fires every enabled trigger whose bucket,
/// event pattern and prefix/suffix filters match, as an asynchronous invocation (COS always invokes asynchronously, so
/// an upload never waits for the function or fails with it).
/// </summary>
internal sealed class CosTriggers(IReadOnlyList<(CosTriggerSpec Trigger, LocalFunction Function)> triggers, AsyncInvocations invocations, ILogger logger)
{
    private readonly ILogger _log = logger.ForContext<CosTriggers>();

    /// <summary>For <c>EmulatorHost.Subscribe</c>: returns as soon as the matching invocations are started.</summary>
    public Task OnObjectCreatedAsync(CosObjectCreated created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        var host = EventHost(created);
        var fired = 0;
        foreach (var (trigger, function) in triggers)
        {
            if (!trigger.Enabled || !SameBucket(trigger, created.Bucket, host) || !trigger.Matches(created.EventName, created.Key))
            {
                continue;
            }

            fired++;
            invocations.Start(function, created.Json, $"cos trigger {trigger.Name}", $"{created.EventName} {created.Bucket}/{created.Key}");
        }

        if (fired == 0)
        {
            _log.Debug("COS {EventName} {Bucket}/{Key} matches no trigger", created.EventName, created.Bucket, created.Key);
        }

        return Task.CompletedTask;
    }

    // The event's URL host is the bucket's XML API domain, exactly what a trigger's `bucket` names.
    private static bool SameBucket(CosTriggerSpec trigger, string bucket, string? eventHost) =>
        eventHost is not null
            ? string.Equals(eventHost, trigger.BucketDomain.Trim(), StringComparison.OrdinalIgnoreCase)
            : string.Equals(bucket, trigger.Bucket, StringComparison.Ordinal);

    private static string? EventHost(CosObjectCreated created) =>
        created.Event.Records is [{ Cos.CosObject.Url: { } url }, ..] && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
