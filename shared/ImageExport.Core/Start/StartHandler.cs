using System.Globalization;
using System.Text.Json;
using ImageExport.Core.Auth;
using ImageExport.Core.Configuration;
using ImageExport.Core.Console;
using ImageExport.Core.Http;
using ImageExport.Core.Jobs;
using ImageExport.Core.Progress;
using ImageExport.Core.Storage;
using ImageExport.Core.Texts;
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
    JobDetails details,
    ILogger log,
    ScheduleIndex scheduleIndex) : IFunctionHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpTriggerResponse response;
        try
        {
            var e = JsonSerializer.Deserialize(payload.Span, ScfEventsJsonContext.Default.HttpTriggerEvent)
                ?? throw new JsonException("the event is null");
            var request = ApiRequest.From(e, settings.HttpBasePath);
            response = await RouteAsync(request, cancellationToken).ConfigureAwait(false);
            log.Information("{Method} {Path} answered {StatusCode}", request.Method, request.Path, response.StatusCode);
        }
        catch (JsonException ex)
        {
            log.Warning("Unreadable HTTP event: {Reason}", ex.Message);
            response = ApiResponses.Error(400, "BadRequest", LocalText.Of("api.badEvent"), settings.Language);
        }
        response.Headers["X-Request-Id"] = context.RequestId;
        return JsonSerializer.SerializeToUtf8Bytes(response, ScfEventsJsonContext.Default.HttpTriggerResponse);
    }

    private async Task<HttpTriggerResponse> RouteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var language = request.Language(settings.Language);
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = segments switch
        {
            [] => Route.Console,
            ["healthz"] => Route.Health,
            ["openapi.json"] => Route.OpenApi,
            ["images"] => Route.Images,
            ["exports"] => Route.Exports,
            ["exports", _] => Route.Export,
            _ => Route.None,
        };
        if (route == Route.None)
        {
            return ApiResponses.NotFound(LocalText.Of("api.noRoute", ("path", request.Path)), language);
        }

        string[] allowed = route == Route.Exports ? ["GET", "POST"] : ["GET"];
        if (!allowed.Contains(request.Method))
        {
            return ApiResponses.MethodNotAllowed(request.Method, request.Path, allowed, language);
        }

        if (route == Route.Console)
        {
            return ConsolePage.Respond(request);
        }

        if (route == Route.Health)
        {
            return ApiResponses.Json(200, new HealthView("ok"), ApiJson.Default.HealthView);
        }

        if (route == Route.OpenApi)
        {
            return OpenApiDocument.Response();
        }

        if (authenticator.Refusal(request) is { } refusal)
        {
            log.Information("{Method} {Path} refused: {StatusCode}", request.Method, request.Path, refusal.StatusCode);
            return refusal;
        }

        try
        {
            return (route, request.Method) switch
            {
                (Route.Images, _) => ApiResponses.Localized(
                    ApiResponses.Json(200, await catalog.ListAsync(language, cancellationToken).ConfigureAwait(false), ApiJson.Default.CatalogView), language),
                (Route.Exports, "POST") => await StartAsync(request, language, log, cancellationToken).ConfigureAwait(false),
                (Route.Exports, _) => await ListAsync(request, language, cancellationToken).ConfigureAwait(false),
                _ => await GetAsync(segments[1], language, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (StateBucketVersionedException ex)
        {
            // Logged where it was found; nothing was recorded and no export started.
            return ApiResponses.Error(503, "StateBucketVersioned", LocalText.Of("api.stateBucketVersioned", ("bucket", ex.Bucket), ("status", ex.Status)), language);
        }
        catch (TencentCloudException ex)
        {
            log.Error("{Method} {Path}: CVM failed: {Code} {Reason}", request.Method, request.Path, ex.Code, ex.ErrorMessage);
            return ApiResponses.Error(502, "UpstreamError", LocalText.Of("api.cvmFailed", ("code", ex.Code)), language);
        }
        catch (CosException ex)
        {
            log.Error("{Method} {Path}: COS failed: {Status} {Code}", request.Method, request.Path, ex.StatusCode, ex.Code);
            return ApiResponses.Error(502, "StorageError",
                LocalText.Of("api.cosFailed", ("status", ex.StatusCode.ToString(CultureInfo.InvariantCulture)), ("code", ex.Code ?? "")), language);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("{Method} {Path}: the invocation deadline came first", request.Method, request.Path);
            return ApiResponses.Error(503, "Timeout", LocalText.Of("api.timeout"), language);
        }
        catch (HttpRequestException ex)
        {
            log.Error("{Method} {Path}: a cloud API could not be reached: {Reason}", request.Method, request.Path, ex.Message);
            return ApiResponses.Error(502, "UpstreamError", LocalText.Of("api.unreachable"), language);
        }
    }

    /// <summary><c>POST /exports</c>: the body is read here; the start itself knows no HTTP.</summary>
    private async Task<HttpTriggerResponse> StartAsync(ApiRequest request, Language language, ILogger log, CancellationToken cancellationToken)
    {
        StartOutcome outcome;
        if (request.Body is null)
        {
            outcome = new StartOutcome.Invalid([new FieldError("body", "field.body.base64")]);
        }
        else if (request.Body.Length > settings.MaxBodyBytes || request.EncodedBodyLength > settings.MaxBodyBytes * 2)
        {
            outcome = new StartOutcome.TooLarge(settings.MaxBodyBytes);
        }
        else
        {
            var (parsed, errors) = ExportRequestParser.Parse(request.Body, settings);
            outcome = parsed is null
                ? new StartOutcome.Invalid(errors)
                : await startExport.StartAsync(parsed, request.Header("Idempotency-Key"), StartCaller.Api, log, cancellationToken).ConfigureAwait(false);
        }
        return Answer(outcome, language);
    }

    /// <summary>Each outcome of a start as the HTTP API answers it: the one place its statuses and headers are decided.</summary>
    private HttpTriggerResponse Answer(StartOutcome outcome, Language language) => outcome switch
    {
        StartOutcome.Invalid invalid => ApiResponses.BadRequest(invalid.Errors, language),
        StartOutcome.TooLarge tooLarge => ApiResponses.Error(413, "PayloadTooLarge",
            LocalText.Of("api.payloadTooLarge", ("max", tooLarge.MaxBytes.ToString(CultureInfo.InvariantCulture))), language),
        StartOutcome.Checked dryRun => DryRun(dryRun.Request, dryRun.Checks, language),
        StartOutcome.Refused refused => ApiResponses.ValidationFailed(refused.Problems, language),
        StartOutcome.Conflict conflict => ApiResponses.Localized(ApiResponses.Json(409, new ErrorEnvelope(new ErrorBody
        {
            Code = "IdempotencyConflict",
            Message = Catalog.Text(language, "api.idempotencyConflict"),
            JobId = conflict.JobId,
        }), ApiJson.Default.ErrorEnvelope), language),
        StartOutcome.Started started => Accepted(started.Job, replay: false),
        StartOutcome.Replayed replayed => Accepted(replayed.Job, replay: true),
        _ => throw new InvalidOperationException($"no answer for {outcome.GetType().Name}"),
    };

    private HttpTriggerResponse DryRun(ExportRequest request, CheckOutcome outcome, Language language)
    {
        var verdicts = request.ImageIds.Select(id =>
        {
            outcome.Images.TryGetValue(id, out var image);
            var problems = outcome.For(id);
            return new ImageVerdict
            {
                ImageId = id,
                ImageName = image?.ImageName,
                OsName = image?.OsName,
                Exportable = problems.Count == 0 && outcome.BucketProblems.Count == 0,
                Problems = problems.Select(p => p.In(language)).ToList(),
            };
        }).ToList();
        return ApiResponses.Localized(ApiResponses.Json(200, new DryRunView
        {
            Exportable = outcome.Ok,
            Bucket = request.Bucket,
            Region = settings.Region,
            Format = request.Format,
            Images = verdicts,
            Problems = outcome.BucketProblems.Select(p => p.In(language)).ToList(),
        }, ApiJson.Default.DryRunView), language);
    }

    private static HttpTriggerResponse Accepted(JobRecord job, bool replay)
    {
        var response = ApiResponses.Json(202, JobView.From(job), ApiJson.Default.JobView);
        response.Headers["Location"] = $"/exports/{job.JobId}";
        if (replay)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        return response;
    }

    private async Task<HttpTriggerResponse> GetAsync(string jobId, Language language, CancellationToken cancellationToken)
    {
        // Malformed IDs never reach the store, so a path cannot walk outside jobs/.
        var job = JobIds.IsValid(jobId) ? await store.ReadAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        return job is null
            ? ApiResponses.NotFound(LocalText.Of("api.noJob", ("jobId", jobId)), language)
            : ApiResponses.Json(200, await details.DescribeAsync(job, await progress.ReadAsync(job, live: true, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), ApiJson.Default.JobView);
    }

    private async Task<HttpTriggerResponse> ListAsync(ApiRequest request, Language language, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var state = request.QueryValue("state") is { Length: > 0 } s ? s.ToLowerInvariant() : null;
        if (state is not null && !JobStates.All.Contains(state))
        {
            errors.Add(new FieldError("state", "field.state", ("states", string.Join(", ", JobStates.All))));
        }

        var limit = 20;
        if (request.QueryValue("limit") is { Length: > 0 } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            errors.Add(new FieldError("limit", "field.limit"));
        }
        var cursor = request.QueryValue("cursor") is { Length: > 0 } c ? c : null;
        // ?schedule=NAME lists one schedule's runs, newest slot first (Schedules/ScheduleIndex.cs), with its own cursors.
        var schedule = request.QueryValue("schedule") is { Length: > 0 } n ? n : null;
        if (schedule is not null && !ScheduleNames.IsValid(schedule))
        {
            errors.Add(new FieldError("schedule", "field.schedule"));
        }
        else if (cursor is not null && (schedule is null ? JobListing.DecodeCursor(cursor) : ScheduleIndex.DecodeCursor(schedule, cursor)) is null)
        {
            errors.Add(new FieldError("cursor", "field.cursor"));
        }

        if (errors.Count > 0)
        {
            return ApiResponses.BadRequest(errors, language);
        }

        var (jobs, next) = schedule is null
            ? await listing.ListAsync(state, limit, cursor, cancellationToken).ConfigureAwait(false)
            : await scheduleIndex.ListAsync(schedule, state, limit, cursor, cancellationToken).ConfigureAwait(false);
        var views = new List<JobView>(jobs.Count);
        foreach (var job in jobs)
        {
            views.Add(JobView.From(job, await progress.ReadAsync(job, live: false, cancellationToken).ConfigureAwait(false)));
        }

        return ApiResponses.Json(200, new JobListView { Jobs = views, NextCursor = next }, ApiJson.Default.JobListView);
    }

    private enum Route
    {
        None,
        Console,
        Health,
        OpenApi,
        Images,
        Exports,
        Export,
    }
}
