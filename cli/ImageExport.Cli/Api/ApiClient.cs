using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageExport.Cli.Hosting;

namespace ImageExport.Cli.Api;

/// <summary>One answer of the HTTP API: the status, the body as sent, and the body read as <typeparamref name="T"/>.</summary>
internal sealed record ApiAnswer<T>(int Status, string Body, T Value, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The HTTP API over HttpClient: bearer token, retries with back-off on 429/502/503/504 and connection failures
/// (honouring Retry-After), and every refusal turned into a <see cref="CliException"/> with its exit code.
/// </summary>
internal sealed class ApiClient(HttpClient http, Uri baseUrl, string? token, RetrySettings retry, TextWriter notices)
{
    private static readonly HashSet<int> Transient = [429, 502, 503, 504];

    /// <summary>Raised before each retry with the attempt that failed and why (the wait output shows it).</summary>
    public event Action<string>? Retrying;

    public Task<ApiAnswer<Catalog>> ImagesAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "images", null, null, CliJson.Default.Catalog, [200], cancellationToken);

    public Task<ApiAnswer<Job>> JobAsync(string jobId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "exports/" + Uri.EscapeDataString(jobId), null, null, CliJson.Default.Job, [200], cancellationToken);

    public Task<ApiAnswer<JobList>> JobsAsync(string? state, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (state is not null)
        {
            query.Add("state=" + Uri.EscapeDataString(state));
        }

        if (limit is not null)
        {
            query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        var path = query.Count == 0 ? "exports" : "exports?" + string.Join('&', query);
        return SendAsync(HttpMethod.Get, path, null, null, CliJson.Default.JobList, [200], cancellationToken);
    }

    /// <summary>
    /// <c>POST /exports</c>. Retrying it is safe only because of <paramref name="idempotencyKey"/>: the service answers a
    /// repeated key and body with the job the first attempt created.
    /// </summary>
    public Task<ApiAnswer<Job>> StartAsync(ExportRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "exports", JsonSerializer.Serialize(request, CliJson.Default.ExportRequest), idempotencyKey, CliJson.Default.Job, [202], cancellationToken);

    public Task<ApiAnswer<DryRunResult>> DryRunAsync(ExportRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "exports", JsonSerializer.Serialize(request with { DryRun = true }, CliJson.Default.ExportRequest), null, CliJson.Default.DryRunResult, [200], cancellationToken);

    private async Task<ApiAnswer<T>> SendAsync<T>(
        HttpMethod method, string path, string? body, string? idempotencyKey, JsonTypeInfo<T> type, int[] expected, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("imageexport-cli", typeof(ApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            string failure;
            TimeSpan? retryAfter = null;
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(retry.AttemptTimeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                if (expected.Contains(status))
                {
                    var value = Read(text, type, status) ?? throw Unreadable(status, text);
                    return new ApiAnswer<T>(status, text, value, Headers(response));
                }

                var error = ReadError(text);
                if (!Transient.Contains(status) || error?.Code == "AuthenticationNotConfigured")
                {
                    throw Refusal(method, path, status, error, text);
                }

                retryAfter = RetryAfter(response);
                failure = $"{status} {error?.Code ?? response.ReasonPhrase}";
                if (attempt >= retry.MaxAttempts)
                {
                    throw Refusal(method, path, status, error, text, attempt);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {retry.AttemptTimeout.TotalSeconds:0} s";
                if (attempt >= retry.MaxAttempts)
                {
                    throw Unreachable(failure, attempt);
                }
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null)
            {
                failure = Describe(ex);
                if (attempt >= retry.MaxAttempts)
                {
                    throw Unreachable(failure, attempt);
                }
            }

            var delay = retry.DelayBefore(attempt, retryAfter);
            Retrying?.Invoke($"{method} /{path}: {failure}; retry {attempt} of {retry.MaxAttempts - 1} in {delay.TotalSeconds:0.#} s");
            notices.Flush();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        CliException Unreachable(string why, int attempts) => new(ExitCodes.Unavailable,
            $"the service at {baseUrl} is unreachable: {why} (after {attempts} attempt{(attempts == 1 ? "" : "s")})");
    }

    private static T? Read<T>(string text, JsonTypeInfo<T> type, int status)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Unavailable, $"the service answered {status} with a body this client cannot read: {ex.Message}");
        }
    }

    private static CliException Unreadable(int status, string text) =>
        new(ExitCodes.Unavailable, $"the service answered {status} with an empty body ({text.Length} characters)");

    private static ErrorBody? ReadError(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, CliJson.Default.ErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CliException Refusal(HttpMethod method, string path, int status, ErrorBody? error, string text, int attempts = 1)
    {
        var exit = ExitCodes.ForStatus(status, error?.Code);
        var what = error is null ? $"{method} /{path} answered {status}" : $"{error.Message} ({status} {error.Code})";
        if (attempts > 1)
        {
            what += $" (after {attempts} attempts)";
        }

        if (exit == ExitCodes.Authentication && error?.Code != "AuthenticationNotConfigured")
        {
            what += "; set IMAGEEXPORT_TOKEN, pass --token, or run `imageexport configure`";
        }
        return new CliException(exit, what, error, text.Length > 0 && error is not null ? text : null);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            return date - DateTimeOffset.UtcNow;
        }

        return null;
    }

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException socket => $"{socket.Message} ({socket.SocketErrorCode})",
        IOException io => io.Message,
        _ => ex.Message,
    };

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        return headers;
    }
}
