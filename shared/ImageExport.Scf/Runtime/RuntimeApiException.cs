namespace ImageExport.Scf.Runtime;

/// <summary>The runtime API answered, but not with success.</summary>
internal sealed class RuntimeApiException(string message) : Exception(message);
