using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ImageExport.TencentCloud.Credentials;
using ImageExport.TencentCloud.Signing;

namespace ImageExport.Local.Tests.Emulator.Support;

/// <summary>A CVM request as the tests want it, including the broken ones no client would send.</summary>
internal sealed record RawCvmRequest
{
    public required string Action { get; init; }
    public string Body { get; init; } = "{}";
    public TencentCredentials? Credentials { get; init; }
    /// <summary>Sign with this key instead of the credentials' own.</summary>
    public string? SignWithKey { get; init; }
    public long? Timestamp { get; init; }
    /// <summary>Send this X-TC-Token; by default the credentials' session token, if any.</summary>
    public string? Token { get; init; }
    public bool OmitToken { get; init; }
    public string? Region { get; init; }
    public string Version { get; init; } = "2017-03-12";
    public string ContentType { get; init; } = "application/json";
    public string Service { get; init; } = "cvm";
    /// <summary>Sent instead of the body that was signed.</summary>
    public string? SentBody { get; init; }
    /// <summary>Sent instead of the computed Authorization header.</summary>
    public string? Authorization { get; init; }
    public bool SignHostWithoutPort { get; init; }
}

internal sealed class RawCvm(TestEmulator emulator)
{
    /// <summary>Sends the call and returns the envelope's <c>Response</c> object.</summary>
    public async Task<JsonObject> SendAsync(RawCvmRequest call)
    {
        var credentials = call.Credentials ?? emulator.Host.Credentials;
        var timestamp = call.Timestamp ?? emulator.Time.GetUtcNow().ToUnixTimeSeconds();
        var uri = emulator.Host.CvmEndpoint;
        var signed = Encoding.UTF8.GetBytes(call.Body);
        var signature = Tc3Signer.Sign(new Tc3SigningInput
        {
            SecretId = credentials.SecretId,
            SecretKey = call.SignWithKey ?? credentials.SecretKey,
            Service = call.Service,
            Timestamp = timestamp,
            SignedHeaders = [new("content-type", call.ContentType), new("host", call.SignHostWithoutPort ? uri.Host : uri.Authority)],
            Payload = signed,
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new ByteArrayContent(call.SentBody is null ? signed : Encoding.UTF8.GetBytes(call.SentBody));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(call.ContentType);
        request.Headers.TryAddWithoutValidation("Authorization", call.Authorization ?? signature.Authorization);
        request.Headers.Add("X-TC-Action", call.Action);
        request.Headers.Add("X-TC-Region", call.Region ?? emulator.Host.Region);
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-TC-Version", call.Version);
        var token = call.Token ?? credentials.SessionToken;
        if (token is not null && !call.OmitToken)
        {
            request.Headers.Add("X-TC-Token", token);
        }

        using var response = await emulator.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var answer = envelope["Response"]!.AsObject();
        Assert.False(string.IsNullOrEmpty(answer["RequestId"]?.GetValue<string>()), "every answer carries a RequestId");
        return answer;
    }

    /// <summary>The error code of the answer, or <c>null</c> on success.</summary>
    public async Task<string?> ErrorCodeAsync(RawCvmRequest call) => (await SendAsync(call))["Error"]?["Code"]?.GetValue<string>();
}
