namespace ImageExport.Core.Configuration;

/// <summary>A configuration variable is missing or invalid; the message names the variable.</summary>
public sealed class ImageExportConfigurationException(string variable, string message)
    : Exception($"{variable}: {message}")
{
    /// <summary>The environment variable at fault.</summary>
    public string Variable { get; } = variable;
}
