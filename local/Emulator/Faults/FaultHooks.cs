using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Emulator.Cvm;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Emulator.Faults;

/// <summary>The endpoints' hooks: called once a request is authenticated, before it is carried out.</summary>
internal static class FaultHooks
{
    /// <summary>
    /// Throws the CVM error of a throttle or internal-error fault; waits out latency; on <see cref="FaultKind.Timeout"/>
    /// returns only once the client has given up (the caller then writes nothing). <see cref="FaultKind.LostAnswer"/>:
    /// the caller carries the request out and then aborts the connection.
    /// </summary>
    public static async Task<FaultKind> BeforeCvmAsync(this FaultInjector faults, HttpContext context, string action)
    {
        if (!faults.Enabled)
        {
            return FaultKind.None;
        }

        var (kind, latency) = faults.Decide("cvm", action, faults.Plan!.CvmRule(action));
        if (!await DelayAsync(latency, context.RequestAborted))
        {
            return FaultKind.Timeout;
        }

        return kind switch
        {
            FaultKind.Throttle => throw new CvmApiException("RequestLimitExceeded", "Your request frequency exceeds the limit (injected fault)."),
            FaultKind.InternalError => throw new CvmApiException("InternalError", "An internal error occurred (injected fault)."),
            FaultKind.Timeout => await HangThen(context, kind),
            _ => kind,
        };
    }

    /// <summary>As <see cref="BeforeCvmAsync"/>, for COS: <c>503 SlowDown</c> and <c>500 InternalError</c>. On a lost answer the
    /// response body is swallowed from here on; the caller aborts the connection when the work is done.</summary>
    public static async Task<FaultKind> BeforeCosAsync(this FaultInjector faults, HttpContext context, string bucket, string key)
    {
        if (!faults.Enabled)
        {
            return FaultKind.None;
        }

        var operation = CosOperations.Name(context.Request, bucket, key);
        if (faults.Denies(operation))
        {
            throw CosErrorException.AccessDenied($"The role may not {operation} here (a fault plan's deny).");
        }

        var (kind, latency) = faults.Decide("cos", operation, faults.Plan!.CosRule(operation));
        if (!await DelayAsync(latency, context.RequestAborted))
        {
            return FaultKind.Timeout;
        }

        switch (kind)
        {
            case FaultKind.Throttle:
                throw new CosErrorException(503, "SlowDown", "Please reduce your request rate (injected fault).");
            case FaultKind.InternalError:
                throw new CosErrorException(500, "InternalError", "We encountered an internal error. Please try again (injected fault).");
            case FaultKind.Timeout:
                return await HangThen(context, kind);
            case FaultKind.LostAnswer:
                context.Response.Body = Stream.Null;
                return kind;
            default:
                return kind;
        }
    }

    private static async Task<FaultKind> HangThen(HttpContext context, FaultKind kind)
    {
        await FaultInjector.HangAsync(context.RequestAborted);
        context.Abort();
        return kind;
    }

    private static async Task<bool> DelayAsync(TimeSpan latency, CancellationToken aborted)
    {
        if (latency <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(latency, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
