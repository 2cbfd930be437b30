using Serilog;

namespace ImageExport.Scf.Runtime;

/// <summary>
/// SCF's custom-runtime conversation (docs/reference/scf.md §1): ready once, then next → handler → response or error, forever.
/// A failing handler never ends the loop; a runtime API that keeps failing does, so the platform can replace the
/// instance.
/// </summary>
internal sealed class RuntimeLoop(RuntimeApiClient api, InvocationRunner runner, InvocationContext instance, FunctionHostOptions options, ILogger logger)
{
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        if (!await CallAsync("POST /runtime/init/ready", api.PostReadyAsync, stopping).ConfigureAwait(false))
        {
            return Ended(stopping);
        }
        logger.Information("Runtime ready at {RuntimeApi}, waiting for events", api.BaseUri);

        while (!stopping.IsCancellationRequested)
        {
            RuntimeInvocation? invocation = null;
            var received = await CallAsync("GET /runtime/invocation/next", async ct => invocation = await api.NextAsync(ct).ConfigureAwait(false), stopping)
                .ConfigureAwait(false);
            if (!received || invocation is null)
            {
                return Ended(stopping);
            }

            var context = ContextFor(invocation);
            var outcome = await runner.RunAsync(invocation.Payload, context, stopping).ConfigureAwait(false);

            // SCF keeps the first result it is given, so a retried post cannot answer an invocation twice. Posting is
            // not tied to `stopping`: a host shutting down mid-invocation still owes SCF an answer.
            var posted = outcome.Succeeded
                ? await CallAsync("POST /runtime/invocation/response", ct => api.PostResponseAsync(outcome.Response!, ct), stopping, CancellationToken.None).ConfigureAwait(false)
                : await CallAsync("POST /runtime/invocation/error", ct => api.PostErrorAsync(outcome.Error!, ct), stopping, CancellationToken.None).ConfigureAwait(false);
            if (!posted)
            {
                return Ended(stopping);
            }
        }
        return FunctionExitCodes.Stopped;
    }

    private InvocationContext ContextFor(RuntimeInvocation invocation)
    {
        if (invocation.RequestId is null)
        {
            logger.Warning("The runtime API sent an event without a request_id header");
        }
        var timeLimit = invocation.TimeLimitInMs is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : options.DefaultTimeLimit;
        return instance.ForInvocation(invocation.RequestId ?? "unknown", invocation.MemoryLimitInMb ?? 0, timeLimit, options.TimeProvider.GetUtcNow());
    }

    private int Ended(CancellationToken stopping) =>
        stopping.IsCancellationRequested ? FunctionExitCodes.Stopped : FunctionExitCodes.RuntimeApiFailed;

    private Task<bool> CallAsync(string what, Func<CancellationToken, Task> call, CancellationToken stopping) =>
        CallAsync(what, call, stopping, stopping);

    /// <summary>Tries a runtime API call a few times; false when it kept failing or the host is stopping.</summary>
    private async Task<bool> CallAsync(string what, Func<CancellationToken, Task> call, CancellationToken stopping, CancellationToken callToken)
    {
        var attempts = Math.Max(1, options.RuntimeApiAttempts);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call(callToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (e is HttpRequestException or RuntimeApiException or IOException or OperationCanceledException)
            {
                if (stopping.IsCancellationRequested)
                {
                    logger.Warning(e, "{Call} failed while the host was stopping", what);
                    return false;
                }
                if (attempt >= attempts)
                {
                    logger.Fatal(e, "{Call} failed {Attempts} times in a row; ending the process so the platform replaces the instance", what, attempt);
                    return false;
                }
                logger.Warning(e, "{Call} failed (attempt {Attempt} of {Attempts}); retrying", what, attempt, attempts);
            }

            try
            {
                await Task.Delay(options.RuntimeApiRetryDelay, options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
