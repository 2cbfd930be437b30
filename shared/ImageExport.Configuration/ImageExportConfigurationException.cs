namespace ImageExport.Configuration;

/// <summary>
/// A configuration variable is missing or invalid; the message names the variable. The one exception every reader of
/// the environment throws, so the entry points and the local stack catch this type and no other.
/// </summary>
public sealed class ImageExportConfigurationException(string variable, string message)
    : Exception($"{variable}: {message}")
{
    /// <summary>The environment variable at fault.</summary>
    public string Variable { get; } = variable;
}
