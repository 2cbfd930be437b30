using ImageExport.Configuration;

namespace ImageExport.Scf.Runtime;

/// <summary>What SCF puts in the environment of every instance; image mode's headers override it per invocation.</summary>
internal sealed record ScfEnvironment
{
    public string? FunctionName { get; init; }
    public string? Handler { get; init; }
    public string? FunctionVersion { get; init; }
    public string? Namespace { get; init; }
    public string? Region { get; init; }
    public string? AppId { get; init; }
    public string? Uin { get; init; }
    public string? TriggerSource { get; init; }
    public string? SecretId { get; init; }
    public string? SecretKey { get; init; }
    public string? SessionToken { get; init; }

    public static ScfEnvironment Read(Func<string, string?> get)
    {
        var environment = new EnvironmentReader(get);
        return new()
        {
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

    public InvocationContext ToContext(string requestId, int memoryLimitInMb, TimeSpan timeLimit, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        MemoryLimitInMb = memoryLimitInMb,
        TimeLimit = timeLimit,
        Deadline = now + timeLimit,
        FunctionName = FunctionName,
        Handler = Handler,
        FunctionVersion = FunctionVersion,
        Namespace = Namespace,
        Region = Region,
        AppId = AppId,
        Uin = Uin,
        TriggerSource = TriggerSource,
        SecretId = SecretId,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
    };

    // The record's generated ToString would print the keys.
    public override string ToString() => $"ScfEnvironment {{ FunctionName = {FunctionName}, Handler = {Handler}, Region = {Region} }}";
}
