using ImageExport.Configuration;

namespace ImageExport.Scf.Runtime;

/// <summary>
/// What SCF puts in the environment of every instance, read once at start as the part of every invocation's
/// <see cref="InvocationContext"/> that does not change between invocations; image mode's headers override it per
/// invocation.
/// </summary>
internal static class ScfEnvironment
{
    /// <summary>The instance's part of every context; its request ID, limits and deadline are set per invocation.</summary>
    public static InvocationContext Read(Func<string, string?> get)
    {
        var environment = new EnvironmentReader(get);
        return new()
        {
            RequestId = "",
            FunctionName = environment.String(ScfVariables.FunctionName),
            Handler = environment.String(ScfVariables.Handler),
            FunctionVersion = environment.String(ScfVariables.FunctionVersion),
            Namespace = environment.String(ScfVariables.Namespace),
            Region = environment.String(ScfVariables.Region),
            AppId = environment.String(ScfVariables.AppId),
            Uin = environment.String(ScfVariables.Uin),
            TriggerSource = environment.String(ScfVariables.TriggerSource),
            SecretId = environment.String(ScfVariables.SecretId),
            SecretKey = environment.String(ScfVariables.SecretKey),
            SessionToken = environment.String(ScfVariables.SessionToken),
        };
    }

    /// <summary>The context of one invocation of the instance <paramref name="instance"/> describes.</summary>
    public static InvocationContext ForInvocation(this InvocationContext instance, string requestId, int memoryLimitInMb, TimeSpan timeLimit, DateTimeOffset now) =>
        instance with
        {
            RequestId = requestId,
            MemoryLimitInMb = memoryLimitInMb,
            TimeLimit = timeLimit,
            Deadline = now + timeLimit,
        };
}
