using ImageExport.Scf.Runtime;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace ImageExport.Scf.Tests.Support;

/// <summary>Test data and options with the defaults tests want: fast retries, a collecting logger.</summary>
internal static class Some
{
    public const string SecretId = "AKIDtestsecretid0000000000000000";
    public const string SecretKey = "test-secret-key-that-must-never-be-logged";
    public const string SessionToken = "test-session-token-that-must-never-be-logged";

    public static FunctionHostOptions Options(
        IReadOnlyDictionary<string, string> environment,
        ILogger logger,
        TimeProvider? time = null,
        TimeSpan? deadlineSafetyMargin = null,
        int? imagePort = null,
        Action<int>? imageServerListening = null) => new()
        {
            Logger = logger,
            TimeProvider = time ?? TimeProvider.System,
            GetEnvironmentVariable = name => environment.TryGetValue(name, out var value) ? value : null,
            RuntimeApiRetryDelay = TimeSpan.FromMilliseconds(10),
            DeadlineSafetyMargin = deadlineSafetyMargin ?? TimeSpan.FromMilliseconds(500),
            DeadlineSafetyFraction = deadlineSafetyMargin is null ? 0.05 : 0,
            ImageHost = "127.0.0.1",
            ImagePort = imagePort,
            ImageServerListening = imageServerListening,
        };

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The instance environment SCF sets, with credentials, merged over <paramref name="baseline"/>.</summary>
    public static Dictionary<string, string> ScfEnvironment(IReadOnlyDictionary<string, string>? baseline = null)
    {
        var environment = new Dictionary<string, string>(baseline ?? new Dictionary<string, string>())
        {
            ["_HANDLER"] = "exports.notify",
            ["SCF_FUNCTIONNAME"] = "image-export-notify",
            ["SCF_FUNCTIONVERSION"] = "$LATEST",
            ["SCF_NAMESPACE"] = "default",
            ["TENCENTCLOUD_REGION"] = "ap-guangzhou",
            ["TENCENTCLOUD_APPID"] = "1250000000",
            ["TENCENTCLOUD_UIN"] = "100000000001",
            ["TENCENTCLOUD_SECRETID"] = SecretId,
            ["TENCENTCLOUD_SECRETKEY"] = SecretKey,
            ["TENCENTCLOUD_SESSIONTOKEN"] = SessionToken,
        };
        return environment;
    }
}
