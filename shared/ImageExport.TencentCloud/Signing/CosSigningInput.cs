namespace ImageExport.TencentCloud.Signing;

/// <summary>What a COS XML request signature (<c>q-sign-algorithm=sha1</c>) covers.</summary>
public sealed record CosSigningInput
{
    public required string SecretId { get; init; }
    public required string SecretKey { get; init; }

    /// <summary>Any case; lowercased when signing.</summary>
    public required string HttpMethod { get; init; }

    /// <summary>The DECODED path starting with <c>/</c>, e.g. <c>/exampleobject(腾讯云)</c>; without the bucket in path-style addressing.</summary>
    public required string Path { get; init; }

    /// <summary>Decoded query parameters to sign (a parameter without value has value <c>""</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Decoded headers to sign; each one must also be sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary><c>&lt;startUnix&gt;;&lt;endUnix&gt;</c>, used as both q-sign-time and q-key-time.</summary>
    public required string KeyTime { get; init; }
}
