using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Credentials;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Support;

internal static class Some
{
    public const string SecretId = "AKIDtestSecretId0000000000000000";
    public const string SecretKey = "testSecretKeyThatMustNeverBeLogged";
    public const string Token = "testSessionTokenThatMustNeverBeLogged";

    public static TencentCredentials PermanentKeys => new(SecretId, SecretKey);

    public static TencentCredentials TemporaryKeys => new(SecretId, SecretKey, Token);

    public static TencentCloudSettings LocalSettings => new()
    {
        Region = "ap-guangzhou",
        AppId = "1250000000",
        CvmEndpoint = new Uri("http://127.0.0.1:9100"),
        CosEndpoint = new Uri("http://127.0.0.1:9200"),
        SesEndpoint = new Uri("http://127.0.0.1:9300"),
    };

    /// <summary>A clock that only moves when a test moves it, at a fixed instant.</summary>
    public static FakeTimeProvider Time() => new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    /// <summary>So long that no attempt times out while a test drives the clock through backoff delays.</summary>
    public static RetryOptions Retry => new() { AttemptTimeout = TimeSpan.FromDays(30) };

    public static RetryPolicy Policy(FakeTimeProvider time, CollectingSink? sink = null, RetryOptions? options = null) =>
        new(options ?? Retry, time, new Random(1234), (sink ?? new CollectingSink()).CreateLogger());

    public static string Bucket => "examplebucket-1250000000";
}
