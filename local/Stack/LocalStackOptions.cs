namespace ImageExport.Local.Stack;

/// <summary>How the local stack runs beyond the command-line options: fixed for a newcomer, adjustable for tests.</summary>
internal sealed record LocalStackOptions
{
    /// <summary>
    /// The serverless.yml to wire from; <c>null</c> finds the repository's (the nearest directory up from the working
    /// directory, then from the program, that holds both serverless.yml and ImageExport.sln).
    /// </summary>
    public string? ServerlessFile { get; init; }

    /// <summary>
    /// Waits before each retry of a failed asynchronous invocation (COS and timer triggers). SCF retries twice: 1 minute
    /// after the first attempt, then 2 minutes after that (docs/reference/scf.md §5).
    /// </summary>
    public IReadOnlyList<TimeSpan> AsyncRetryDelays { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>
    /// The time zone timer crons are read in. Tencent does not say; UTC+8 (Beijing) is what the one source found reports
    /// (docs/reference/scf.md §4, a guess). An every-minute cron does not care.
    /// </summary>
    public TimeZoneInfo CronTimeZone { get; init; } = TimeZoneInfo.CreateCustomTimeZone("UTC+08", TimeSpan.FromHours(8), "UTC+08", "UTC+08");

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Values for serverless.yml's <c>${env:…}</c> references beyond the stack's own: by default the reader's language
    /// and time zone from this process's environment (<c>IMAGEEXPORT_LANGUAGE=zh-CN dotnet run --project local</c>);
    /// tests also point a robot channel at their own receiver. The stack's own values (bucket, token, webhook) win.
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = LocalStack.FromHost(LocalStack.HostVariables, Environment.GetEnvironmentVariable);

    /// <summary>Wraps the chosen invoker (tests observe or fail invocations through it).</summary>
    public Func<IFunctionInvoker, IFunctionInvoker>? DecorateInvoker { get; init; }
}
