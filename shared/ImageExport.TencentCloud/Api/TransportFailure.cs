namespace ImageExport.TencentCloud.Api;

internal static class TransportFailure
{
    /// <summary>
    /// No connection was made (refused, unreachable, name not resolved), so not one byte of the request reached the
    /// server: even a non-idempotent call may be repeated.
    /// </summary>
    public static bool CertainlyNotSent(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
}
