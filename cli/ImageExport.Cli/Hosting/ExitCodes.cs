namespace ImageExport.Cli.Hosting;

/// <summary>The documented exit codes (design.md, "the command-line client"): pipelines branch on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int ExportFailed = 1;
    public const int Usage = 2;
    public const int Refused = 3;
    public const int Authentication = 4;
    public const int WaitTimedOut = 5;
    public const int Unavailable = 6;
    public const int Interrupted = 130;

    /// <summary>The exit code of an error answer that retrying did not (or cannot) fix.</summary>
    public static int ForStatus(int status, string? code) => status switch
    {
        401 or 403 => Authentication,
        // The service has no token configured: nothing a retry or another flag of this command changes.
        503 when code == "AuthenticationNotConfigured" => Authentication,
        422 => Refused,
        >= 400 and < 500 and not 408 and not 429 => Usage,
        _ => Unavailable,
    };
}

/// <summary>A command ends with <see cref="ExitCode"/>; <see cref="Exception.Message"/> is what the person reads.</summary>
internal sealed class CliException(int exitCode, string message, Api.ErrorBody? error = null, string? rawBody = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The service's error, when it answered with one.</summary>
    public Api.ErrorBody? Error { get; } = error;

    /// <summary>The service's answer as sent, printed as-is in JSON mode.</summary>
    public string? RawBody { get; } = rawBody;
}
