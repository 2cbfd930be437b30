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

    public static ScfEnvironment Read(Func<string, string?> get) => new()
    {
        // SCF spells it SCF_FUNCTIONNAME, without an underscore between the words.
        FunctionName = NonEmpty(get("SCF_FUNCTIONNAME")),
        Handler = NonEmpty(get("_HANDLER")),
        FunctionVersion = NonEmpty(get("SCF_FUNCTIONVERSION")),
        Namespace = NonEmpty(get("SCF_NAMESPACE")),
        Region = NonEmpty(get("TENCENTCLOUD_REGION")),
        AppId = NonEmpty(get("TENCENTCLOUD_APPID")),
        Uin = NonEmpty(get("TENCENTCLOUD_UIN")),
        TriggerSource = NonEmpty(get("TRIGGER_SRC")),
        SecretId = NonEmpty(get("TENCENTCLOUD_SECRETID")),
        SecretKey = NonEmpty(get("TENCENTCLOUD_SECRETKEY")),
        SessionToken = NonEmpty(get("TENCENTCLOUD_SESSIONTOKEN")),
    };

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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    // The record's generated ToString would print the keys.
    public override string ToString() => $"ScfEnvironment {{ FunctionName = {FunctionName}, Handler = {Handler}, Region = {Region} }}";
}
