namespace ImageExport.TencentCloud.Signing;

/// <summary>The parts of a <c>TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
public sealed record Tc3AuthorizationHeader(
    string SecretId,
    string Date,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature);
