using System.Globalization;
using System.Text.Json;
using ImageExport.Core.Http;
using ImageExport.Core.Start;
using ImageExport.Scf.Events;
using Serilog;

namespace ImageExport.Core.Schedules;

/// <summary>
/// The one place a run goes through <c>POST /exports</c>'s use case: the same rules, queue and Idempotency-Key
/// mechanism, with the run's mark on the job. It reads the answer as the HTTP contract states it, so it depends on
/// nothing else of <see cref="StartExport"/>.
/// </summary>
internal sealed class ScheduledStart(StartExport start)
{
    public async Task<ScheduledStartOutcome> StartAsync(ExportRequest request, string idempotencyKey, ScheduleMark mark, ILogger log, CancellationToken cancellationToken)
    {
        var body = Body(request);
        var api = new ApiRequest
        {
            Method = "POST",
            Path = "/exports",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Idempotency-Key"] = idempotencyKey, ["Content-Type"] = "application/json" },
            Query = new Dictionary<string, string>(StringComparer.Ordinal),
            Body = body,
            EncodedBodyLength = body.Length,
        };
        var response = await start.HandleAsync(api, mark, log, cancellationToken).ConfigureAwait(false);
        return Read(response);
    }

    private static byte[] Body(ExportRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("imageIds");
            foreach (var id in request.ImageIds) writer.WriteStringValue(id);
            writer.WriteEndArray();
            writer.WriteString("bucket", request.Bucket);
            if (request.Prefix is { } prefix) writer.WriteString("prefix", prefix);
            writer.WriteString("format", request.Format);
            writer.WriteBoolean("onlyRootDisk", request.OnlyRootDisk);
            writer.WriteString("roleName", request.RoleName);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static ScheduledStartOutcome Read(HttpTriggerResponse response)
    {
        using var document = JsonDocument.Parse(response.Body is { Length: > 0 } text ? text : "{}");
        var root = document.RootElement;
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : (JsonElement?)null;
        string? Text(JsonElement? element, string name) =>
            element is { } el && el.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        switch (response.StatusCode)
        {
            case 202:
                var replayed = response.Headers.TryGetValue("Idempotent-Replayed", out var flag) && flag == "true";
                return new ScheduledStartOutcome(replayed ? ScheduledStartKind.AlreadyStarted : ScheduledStartKind.Started, Text(root, "jobId"), [], null);
            case 409 when Text(error, "jobId") is { } jobId:
                // The slot's key already started a job, with other images (a tag or an image changed between retries).
                return new ScheduledStartOutcome(ScheduledStartKind.AlreadyStarted, jobId, [], null);
            case 422:
                var problems = error is { } err && err.TryGetProperty("problems", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(p => new Rules.Problem
                    {
                        ImageId = Text(p, "imageId"),
                        Bucket = Text(p, "bucket"),
                        Code = Text(p, "code") ?? "unknown",
                        Message = Text(p, "message") ?? "",
                        CvmCode = Text(p, "cvmCode"),
                    }).ToList()
                    : [];
                return new ScheduledStartOutcome(ScheduledStartKind.Refused, null, problems, null);
            default:
                var reason = string.Create(CultureInfo.InvariantCulture, $"{response.StatusCode} {Text(error, "code")}: {Text(error, "message")}");
                return new ScheduledStartOutcome(ScheduledStartKind.Failed, null, [], reason);
        }
    }
}

internal enum ScheduledStartKind
{
    /// <summary>This call created the run's job.</summary>
    Started,
    /// <summary>An earlier invocation of the same slot created it: nothing new was started.</summary>
    AlreadyStarted,
    /// <summary>Rules refused images (<see cref="ScheduledStartOutcome.Problems"/>); nothing was recorded.</summary>
    Refused,
    /// <summary>Any other answer (a malformed request); nothing was recorded.</summary>
    Failed,
}

internal sealed record ScheduledStartOutcome(ScheduledStartKind Kind, string? JobId, IReadOnlyList<Rules.Problem> Problems, string? Reason);
