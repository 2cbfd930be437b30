namespace ImageExport.Local.Emulator.CloudApi;

/// <summary>
/// An API 3.0 error: <see cref="CloudApiAnswers"/> answers it HTTP 200 with <c>Response.Error {Code, Message}</c>.
/// The CVM, SCF, tag and API gateway errors derive from it so that one writer answers them all.
/// </summary>
internal abstract class CloudApiException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
