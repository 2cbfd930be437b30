namespace ImageExport.TencentCloud.Signing;

/// <summary>What TC3-HMAC-SHA256 signs: one API 3.0 request as it is sent.</summary>
public sealed record Tc3SigningInput
{
    public required string SecretId { get; init; }
    public required string SecretKey { get; init; }

    /// <summary>The service in the credential scope: the first label of the endpoint host (<c>cvm</c>, or <c>127</c> locally).</summary>
    public required string Service { get; init; }

    /// <summary>Unix seconds (<c>X-TC-Timestamp</c>); the scope's date is the UTC date of it.</summary>
    public required long Timestamp { get; init; }

    public string HttpMethod { get; init; } = "POST";
    public string CanonicalUri { get; init; } = "/";
    public string CanonicalQueryString { get; init; } = "";

    /// <summary>Headers to sign, as sent. Names are lowercased, values lowercased and trimmed, then sorted by name.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> SignedHeaders { get; init; }

    /// <summary>The exact request body bytes.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }
}
