namespace ImageExport.TencentCloud.Signing;

/// <summary>Every intermediate value of a TC3-HMAC-SHA256 signature (hex is lowercase), and the Authorization header.</summary>
public sealed record Tc3Signature(
    string CanonicalRequest,
    string HashedPayload,
    string HashedCanonicalRequest,
    string CredentialScope,
    string StringToSign,
    string SecretDateHex,
    string SecretServiceHex,
    string SecretSigningHex,
    string SignedHeaders,
    string Signature,
    string Authorization);
