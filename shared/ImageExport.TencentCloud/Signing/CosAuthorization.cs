namespace ImageExport.TencentCloud.Signing;

/// <summary>The q-* pairs of a COS signature, from an Authorization header or a presigned URL.</summary>
public sealed record CosAuthorization(
    string Algorithm,
    string SecretId,
    string SignTime,
    string KeyTime,
    IReadOnlyList<string> HeaderList,
    IReadOnlyList<string> UrlParamList,
    string Signature);
