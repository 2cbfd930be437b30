namespace ImageExport.Core.Notifications;

/// <summary>A notification setting in the environment is missing or malformed; <see cref="Variable"/> names it.</summary>
public sealed class NotificationSettingsException(string variable, string message)
    : Exception($"{variable}: {message}")
{
    /// <summary>The environment variable at fault.</summary>
    public string Variable { get; } = variable;
}
