namespace ImageExport.Scf.Runtime;

/// <summary>What <see cref="FunctionHost.RunAsync(IFunctionHandler, FunctionHostOptions, CancellationToken)"/> returns, for the process exit code.</summary>
public static class FunctionExitCodes
{
    /// <summary>The host was asked to stop.</summary>
    public const int Stopped = 0;

    /// <summary>Building the handler failed; SCF reports an initialisation error.</summary>
    public const int InitializationFailed = 1;

    /// <summary>The runtime API kept failing; the platform replaces the instance.</summary>
    public const int RuntimeApiFailed = 2;

    /// <summary>The image-mode server could not listen or stopped accepting requests.</summary>
    public const int ImageServerFailed = 3;
}
