using ImageExport.Local.Emulator.CloudApi;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>An SCF or tag API error: answered HTTP 200 with <c>Response.Error.Code</c> and <c>Message</c>, as API 3.0 does.</summary>
internal sealed class ScfApiException(string code, string message) : CloudApiException(code, message)
{
    public static ScfApiException Missing(string parameter) => new("MissingParameter", $"The request is missing a required parameter `{parameter}`.");

    public static ScfApiException Invalid(string code, string message) => new(code, message);
}
