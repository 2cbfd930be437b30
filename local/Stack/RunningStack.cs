using ImageExport.Local.Stack.Notifications;
using ImageExport.Local.Stack.Serverless;
using ImageExport.Local.Stack.Triggers;

namespace ImageExport.Local.Stack;

/// <summary>The started functions: what the banner shows, what tests drive. Disposing stops them, newest part first.</summary>
internal sealed class RunningStack(
    FunctionsMode mode,
    Uri api,
    Uri webhookUrl,
    NotificationLog notifications,
    IFunctionInvoker invoker,
    IReadOnlyDictionary<string, LocalFunction> functions,
    LocalFunction? httpFunction,
    IReadOnlyList<WiredTimer> timers,
    IReadOnlyList<CosTriggerSpec> cosTriggers,
    AsyncInvocations invocations,
    IReadOnlyList<IAsyncDisposable> resources) : IAsyncDisposable
{
    private int _disposed;

    public FunctionsMode Mode => mode;

    /// <summary>Where the Function URL gateway listens.</summary>
    public Uri Api => api;

    public Uri WebhookUrl => webhookUrl;

    public NotificationLog Notifications => notifications;

    public IFunctionInvoker Invoker => invoker;

    public IReadOnlyDictionary<string, LocalFunction> Functions => functions;

    /// <summary>The function behind the Function URL (serverless.yml's http trigger).</summary>
    public LocalFunction? HttpFunction => httpFunction;

    /// <summary>Every wired timer: its name, function, cron or interval, next firing and argument.</summary>
    public IReadOnlyList<WiredTimer> Timers => timers;

    public IReadOnlyList<CosTriggerSpec> CosTriggers => cosTriggers;

    /// <summary>Completes when no COS or timer invocation (nor a retry wait) is in flight.</summary>
    public Task WhenTriggersIdleAsync() => invocations.WhenIdleAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // `resources` is in reverse start order: timers and the COS subscription stop first, in-flight invocations get
        // their grace (the webhook receiver still listens), then the listener, the invoker and the HTTP client go.
        foreach (var resource in resources)
        {
            await resource.DisposeAsync();
        }
    }
}
