using ImageExport.Local.Emulator.CloudApi;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>A CVM API 3.0 error: the endpoint answers HTTP 200 with <c>Response.Error {Code, Message}</c>.</summary>
internal sealed class CvmApiException(string code, string message) : CloudApiException(code, message);
