using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Signing;

namespace ImageExport.TencentCloud.Api;

/// <summary>
/// One Tencent Cloud API 3.0 service: JSON POSTs signed with TC3-HMAC-SHA256, the response envelope, and which
/// failures may be retried.
/// </summary>
internal sealed class TencentCloudApiClient
{
    public const string ContentType = "application/json; charset=utf-8";

    private readonly HttpClient _http;
    private readonly ICredentialsProvider _credentials;
    private readonly Uri _endpoint;
    private readonly string _service;
    private readonly string _region;
    private readonly string _version;
    private readonly RetryPolicy _retry;

    public TencentCloudApiClient(HttpClient http, ICredentialsProvider credentials, Uri endpoint, string region, string version, RetryPolicy retry)
    {
        _http = http;
        _credentials = credentials;
        _endpoint = endpoint;
        // The credential scope names the service by the endpoint's first label, as Tencent's SDKs do
        // ("cvm" for cvm.tencentcloudapi.com, "127" for a local emulator at 127.0.0.1).
        _service = endpoint.Host.Split('.')[0];
        _region = region;
        _version = version;
        _retry = retry;
    }

    /// <param name="idempotent">
    /// False for actions whose repetition has effects (ExportImages, SendEmail): those are repeated only when the
    /// request certainly was not carried out; otherwise the failure becomes <see cref="TencentCloudOutcomeUnknownException"/>.
    /// </param>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        string action,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        bool idempotent,
        CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return _retry.RunAsync(
            action,
            attemptToken => AttemptAsync(action, payload, responseType, idempotent, attemptToken, cancellationToken),
            cancellationToken);
    }

    private async Task<TResponse> AttemptAsync<TResponse>(
        string action, byte[] payload, JsonTypeInfo<TResponse> responseType, bool idempotent,
        CancellationToken attemptToken, CancellationToken callerToken)
    {
        using var request = Build(action, payload);
        HttpStatusCode status;
        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptToken).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(attemptToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!callerToken.IsCancellationRequested)
        {
            throw Uncertain(action, idempotent, TencentCloudErrorCodes.Timeout,
                new TencentCloudException(TencentCloudErrorCodes.Timeout, $"{action}: no answer within {_retry.Options.AttemptTimeout}", null, e));
        }
        catch (HttpRequestException e) when (TransportFailure.CertainlyNotSent(e))
        {
            throw new RetryableException(TencentCloudErrorCodes.Transport,
                new TencentCloudException(TencentCloudErrorCodes.Transport, $"{action}: {e.Message}", null, e));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Uncertain(action, idempotent, TencentCloudErrorCodes.Transport,
                new TencentCloudException(TencentCloudErrorCodes.Transport, $"{action}: {e.Message}", null, e));
        }

        return Interpret(action, status, body, responseType, idempotent);
    }

    private TResponse Interpret<TResponse>(string action, HttpStatusCode status, byte[] body, JsonTypeInfo<TResponse> responseType, bool idempotent)
    {
        var code = (int)status;
        ApiEnvelope.TryParse(body, out var envelope);

        if (code >= 500)
        {
            var error = envelope?.ErrorCode is not null
                ? envelope.ToException()
                : new TencentCloudException(TencentCloudErrorCodes.HttpStatus, $"{action}: HTTP {code}", envelope?.RequestId);
            throw Uncertain(action, idempotent, error.Code, error);
        }

        if (envelope?.ErrorCode is not null)
        {
            var error = envelope.ToException();
            if (TencentCloudErrorCodes.IsThrottling(error.Code))
            {
                throw new RetryableException(error.Code, error);
            }

            throw TencentCloudErrorCodes.IsTransient(error.Code) ? Uncertain(action, idempotent, error.Code, error) : error;
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            // A gateway refusing for rate reasons did not pass the request on.
            throw new RetryableException(TencentCloudErrorCodes.HttpStatus,
                new TencentCloudException(TencentCloudErrorCodes.HttpStatus, $"{action}: HTTP 429", null));
        }

        if (status != HttpStatusCode.OK)
        {
            throw new TencentCloudException(TencentCloudErrorCodes.HttpStatus, $"{action}: HTTP {code}", envelope?.RequestId);
        }

        if (envelope is null)
        {
            throw Uncertain(action, idempotent, TencentCloudErrorCodes.InvalidResponse,
                new TencentCloudException(TencentCloudErrorCodes.InvalidResponse, $"{action}: the answer is not a Response envelope", null));
        }

        try
        {
            return envelope.Response.Deserialize(responseType)
                ?? throw new JsonException("the Response object is null");
        }
        catch (JsonException e)
        {
            throw Uncertain(action, idempotent, TencentCloudErrorCodes.InvalidResponse,
                new TencentCloudException(TencentCloudErrorCodes.InvalidResponse, $"{action}: {e.Message}", envelope.RequestId, e));
        }
    }

    // The request may have been carried out: repeat only what is safe to repeat.
    private static Exception Uncertain(string action, bool idempotent, string code, TencentCloudException error) =>
        idempotent ? new RetryableException(code, error) : new TencentCloudOutcomeUnknownException(action, error);

    private HttpRequestMessage Build(string action, byte[] payload)
    {
        var credentials = _credentials.GetCredentials();
        var timestamp = _retry.Time.GetUtcNow().ToUnixTimeSeconds();
        var host = _endpoint.IsDefaultPort ? _endpoint.IdnHost : $"{_endpoint.IdnHost}:{_endpoint.Port}";

        var signature = Tc3Signer.Sign(new Tc3SigningInput
        {
            SecretId = credentials.SecretId,
            SecretKey = credentials.SecretKey,
            Service = _service,
            Timestamp = timestamp,
            CanonicalUri = _endpoint.AbsolutePath,
            SignedHeaders = [new("Content-Type", ContentType), new("Host", host), new("X-TC-Action", action)],
            Payload = payload,
        });

        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("X-TC-Action", action);
        request.Headers.TryAddWithoutValidation("X-TC-Region", _region);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Version", _version);
        request.Headers.TryAddWithoutValidation("X-TC-RequestClient", "ImageExport");
        if (credentials.SessionToken is { } token)
        {
            // Not signed, as Tencent's SDKs do it.
            request.Headers.TryAddWithoutValidation("X-TC-Token", token);
        }

        return request;
    }
}
