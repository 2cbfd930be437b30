using System.Globalization;
using System.Text.Json;
using ImageExport.Core.Auth;
using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Jobs;
using ImageExport.Core.Progress;
using ImageExport.Core.Json;
using ImageExport.Scf.Events;
using ImageExport.Scf.Runtime;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cos;
using Serilog;

namespace ImageExport.Core.Start;

/// <summary>
/// <c>exports.start</c>: the HTTP API, for the Function URL event and the API gateway event alike, answered in the
/// integrated-response shape. Failures become JSON errors here, in one place.
/// </summary>
internal sealed class StartHandler(
    ImageExportSettings settings,
    ApiAuthenticator authenticator,
    StartExport startExport,
    JobStore store,
    JobListing listing,
    ImageCatalog catalog,
    ProgressReader progress,
    ILogger log) : IFunctionHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestLog = log.ForContext("RequestId", context.RequestId);
        HttpTriggerResponse response;
        try
        {
            var e = JsonSerializer.Deserialize(payload.Span, ScfEventsJsonContext.Default.HttpTriggerEvent)
                ?? throw new JsonException("the event is null");
            var request = ApiRequest.From(e, settings.HttpBasePath);
            response = await RouteAsync(request, requestLog, cancellationToken).ConfigureAwait(false);
            requestLog.Information("{Method} {Path} answered {StatusCode}", request.Method, request.Path, response.StatusCode);
        }
        catch (JsonException ex)
        {
            requestLog.Warning("Unreadable HTTP event: {Reason}", ex.Message);
            response = ApiResponses.Error(400, "BadRequest", "the trigger event is not a Function URL or API gateway request");
        }
        response.Headers["X-Request-Id"] = context.RequestId;
        return JsonSerializer.SerializeToUtf8Bytes(response, ScfEventsJsonContext.Default.HttpTriggerResponse);
    }

    private async Task<HttpTriggerResponse> RouteAsync(ApiRequest request, ILogger log, CancellationToken cancellationToken)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = segments switch
        {
            ["healthz"] => Route.Health,
            ["images"] => Route.Images,
            ["exports"] => Route.Exports,
            ["exports", _] => Route.Export,
            _ => Route.None,
        };
        if (route == Route.None) return ApiResponses.NotFound($"no route {request.Path}; see GET /healthz, GET /images, POST /exports, GET /exports, GET /exports/{{jobId}}");

        string[] allowed = route == Route.Exports ? ["GET", "POST"] : ["GET"];
        if (!allowed.Contains(request.Method)) return ApiResponses.MethodNotAllowed(request.Method, request.Path, allowed);

        if (route == Route.Health) return ApiResponses.Json(200, new HealthView("ok"), CoreJson.Default.HealthView);

        if (authenticator.Refusal(request) is { } refusal)
        {
            log.Information("{Method} {Path} refused: {StatusCode}", request.Method, request.Path, refusal.StatusCode);
            return refusal;
        }

        try
        {
            return (route, request.Method) switch
            {
                (Route.Images, _) => ApiResponses.Json(200, await catalog.ListAsync(cancellationToken).ConfigureAwait(false), CoreJson.Default.CatalogView),
                (Route.Exports, "POST") => await startExport.HandleAsync(request, log, cancellationToken).ConfigureAwait(false),
                (Route.Exports, _) => await ListAsync(request, cancellationToken).ConfigureAwait(false),
                _ => await GetAsync(segments[1], cancellationToken).ConfigureAwait(false),
            };
        }
        catch (TencentCloudException ex)
        {
            log.Error("{Method} {Path}: CVM failed: {Code} {Reason}", request.Method, request.Path, ex.Code, ex.ErrorMessage);
            return ApiResponses.Error(502, "UpstreamError", $"the CVM API failed ({ex.Code}); retry later");
        }
        catch (CosException ex)
        {
            log.Error("{Method} {Path}: COS failed: {Status} {Code}", request.Method, request.Path, ex.StatusCode, ex.Code);
            return ApiResponses.Error(502, "StorageError", $"COS failed ({ex.StatusCode} {ex.Code}); retry later");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("{Method} {Path}: the invocation deadline came first", request.Method, request.Path);
            return ApiResponses.Error(503, "Timeout", "the request did not finish in time; retry (with the same Idempotency-Key for POST /exports)");
        }
        catch (HttpRequestException ex)
        {
            log.Error("{Method} {Path}: a cloud API could not be reached: {Reason}", request.Method, request.Path, ex.Message);
            return ApiResponses.Error(502, "UpstreamError", "a cloud API could not be reached; retry later");
        }
    }

    private async Task<HttpTriggerResponse> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        // Malformed IDs never reach the store, so a path cannot walk outside jobs/.
        var job = JobIds.IsValid(jobId) ? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        return job is null
            ? ApiResponses.NotFound($"no job {jobId}")
            : ApiResponses.Json(200, JobView.From(job, await progress.ReadAsync(job, live: true, cancellationToken).ConfigureAwait(false)), CoreJson.Default.JobView);
    }

    private async Task<HttpTriggerResponse> ListAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var state = request.QueryValue("state") is { Length: > 0 } s ? s.ToLowerInvariant() : null;
        if (state is not null && !JobStates.All.Contains(state)) errors.Add(new FieldError("state", $"must be one of {string.Join(", ", JobStates.All)}"));
        var limit = 20;
        if (request.QueryValue("limit") is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            errors.Add(new FieldError("limit", "must be a whole number from 1 to 100"));
        }
        var cursor = request.QueryValue("cursor") is { Length: > 0 } c ? c : null;
        if (cursor is not null && JobListing.DecodeCursor(cursor) is null) errors.Add(new FieldError("cursor", "is not a cursor this API returned"));
        if (errors.Count > 0) return ApiResponses.BadRequest(errors);

        var (jobs, next) = await listing.ListAsync(state, limit, cursor, cancellationToken).ConfigureAwait(false);
        var views = new List<JobView>(jobs.Count);
        foreach (var job in jobs) views.Add(JobView.From(job, await progress.ReadAsync(job, live: false, cancellationToken).ConfigureAwait(false)));
        return ApiResponses.Json(200, new JobListView { Jobs = views, NextCursor = next }, CoreJson.Default.JobListView);
    }

    private enum Route
    {
        None,
        Health,
        Images,
        Exports,
        Export,
    }
}
