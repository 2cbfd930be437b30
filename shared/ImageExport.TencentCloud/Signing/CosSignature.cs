namespace ImageExport.TencentCloud.Signing;

/// <summary>
/// Every intermediate value of a COS signature (hex is lowercase). <see cref="Authorization"/> is
/// <c>q-sign-algorithm=sha1&amp;q-ak=…&amp;q-sign-time=…&amp;q-key-time=…&amp;q-header-list=…&amp;q-url-param-list=…&amp;q-signature=…</c>.
/// </summary>
public sealed record CosSignature(
    string SignKey,
    string HttpString,
    string StringToSign,
    string Signature,
    string HeaderList,
    string UrlParamList,
    string Authorization);
