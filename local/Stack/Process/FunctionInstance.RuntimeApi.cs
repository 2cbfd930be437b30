using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageExport.Local.Stack.Process;

/// <summary>The emulated SCF runtime API of one instance, exactly the four endpoints of docs/reference/scf.md §1.2.</summary>
internal sealed partial class FunctionInstance
{
    private const string ReadyPath = "/runtime/init/ready";
    private const string NextPath = "/runtime/invocation/next";
    private const string ResponsePath = "/runtime/invocation/response";
    private const string ErrorPath = "/runtime/invocation/error";

    // SCF's limit on a synchronous response (docs/reference/scf.md §5).
    private const int MaxResponseBytes = 6 * 1024 * 1024;
    private const int MaxErrorLength = 4096;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        var method = request.Method;
        switch (path)
        {
            case ReadyPath when HttpMethods.IsPost(method):
                await ReadBodyAsync(request, 64 * 1024).ConfigureAwait(false);
                OnReady();
                break;
            case NextPath when HttpMethods.IsGet(method):
                await NextAsync(context).ConfigureAwait(false);
                break;
            case ResponsePath when HttpMethods.IsPost(method):
                await ResultAsync(context, isError: false).ConfigureAwait(false);
                break;
            case ErrorPath when HttpMethods.IsPost(method):
                await ResultAsync(context, isError: true).ConfigureAwait(false);
                break;
            case ReadyPath or NextPath or ResponsePath or ErrorPath:
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                break;
            default:
                _log.Warning("Instance {Instance} of {Function} called an unknown runtime API path: {Method} {Path}", Id, Function.Name, method, path);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    /// <summary>The long poll: answers once an event is handed out; within one invocation, always the same event.</summary>
    private async Task NextAsync(HttpContext context)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        PendingInvocation invocation;
        while (true)
        {
            Task<PendingInvocation> next;
            lock (_gate)
            {
                if (_current is { } current)
                {
                    if (!current.Fetched)
                    {
                        _log.Debug("Instance {Instance} fetched event {RequestId}", Id, current.RequestId);
                    }

                    current.Fetched = true;
                    invocation = current;
                    break;
                }

                next = _nextEvent.Task;
            }

            try
            {
                // Loops: the event this returns may already be decided by the time this request looks at it.
                await next.WaitAsync(waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                }

                return;
            }
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers["request_id"] = invocation.RequestId;
        response.Headers["memory_limit_in_mb"] = invocation.Function.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        response.Headers["time_limit_in_ms"] = ((long)invocation.Function.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        try
        {
            await response.Body.WriteAsync(invocation.Payload, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The runtime hung up; the event stays assigned and its next `next` gets it again.
        }
    }

    /// <summary><c>response</c> or <c>error</c>: the first one decides the invocation; SCF locks it after that.</summary>
    private async Task ResultAsync(HttpContext context, bool isError)
    {
        var body = await ReadBodyAsync(context.Request, MaxResponseBytes + 1).ConfigureAwait(false);
        PendingInvocation? invocation;
        bool answeredBefore;
        lock (_gate)
        {
            // An event the runtime has not fetched cannot be what it answers: such a post repeats the previous answer.
            invocation = _current is { Fetched: true } current ? current : null;
            answeredBefore = _answeredBefore;
        }

        if (invocation is null)
        {
            if (answeredBefore)
            {
                _log.Debug("Instance {Instance} posted {Path} again; the first result stands", Id, context.Request.Path.Value);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
            else
            {
                _log.Warning("Instance {Instance} posted {Path} with no invocation in progress", Id, context.Request.Path.Value);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("no invocation is in progress; call GET /runtime/invocation/next first").ConfigureAwait(false);
            }

            return;
        }

        var result = isError ? InvocationResult.Failure(ErrorText(body))
            : body.Length > MaxResponseBytes ? InvocationResult.Failure($"the response is larger than SCF's {MaxResponseBytes / (1024 * 1024)} MB limit")
            : InvocationResult.Success(body);
        if (Decide(invocation, result, fromRuntime: true))
        {
            LogAnswer(invocation, result);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void LogAnswer(PendingInvocation invocation, InvocationResult result)
    {
        var first = Invocations == 1;
        if (first && _initDuration is { } init)
        {
            _log.Information(
                "Instance {Instance} of {Function} cold start: {ColdStartMs} ms from spawn to its first answer (ready after {InitMs} ms)",
                Id, Function.Name, (long)_options.Time.GetElapsedTime(_startedAt).TotalMilliseconds, (long)init.TotalMilliseconds);
        }

        if (!result.Succeeded)
        {
            _log.Information("Invocation {RequestId} of {Function}: the runtime reported an error: {Error}", invocation.RequestId, Function.Name, result.Error);
        }
    }

    private static string ErrorText(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        return text.Length == 0 ? "the runtime reported an error without a message"
            : text.Length <= MaxErrorLength ? text
            : text[..MaxErrorLength];
    }

    /// <summary>The body, but no more than <paramref name="limit"/> bytes of it.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
