using System.Net;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cvm;
using ImageExport.TencentCloud.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ImageExport.TencentCloud.Tests.Api;

public sealed class ApiErrorTests
{
    private static readonly string DescribeImagesAnswer = Fixture.Text("events/cvm-describe-images-response.json");
    private static readonly string ExportImagesAnswer = Fixture.Text("events/cvm-export-images-response.json");

    private static HttpResponseMessage Error(string code) =>
        RecordingHandler.Json($$$"""{"Response":{"Error":{"Code":"{{{code}}}","Message":"m"},"RequestId":"req-{{{code}}}"}}""");

    private static ExportImagesRequest Export => new() { BucketName = Some.Bucket, ImageIds = ["img-1"] };

    private static CvmClient Cvm(RecordingHandler handler, FakeTimeProvider time, CollectingSink? sink = null, RetryOptions? options = null) =>
        new(handler.Client(), new FixedCredentials(Some.TemporaryKeys), Some.LocalSettings, Some.Policy(time, sink, options));

    [Fact]
    public async Task AnErrorEnvelopeBecomesAnExceptionWithItsCodeAndRequestIdAndIsNotRetried()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(Fixture.Text("events/tencentcloud-error-response.json")));
        var time = Some.Time();

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => Clock.RunAsync(time, Cvm(handler, time).DescribeImagesAsync(new(), CancellationToken.None)));

        Assert.Equal("AuthFailure.SignatureFailure", error.Code);
        Assert.Equal("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6", error.RequestId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ThrottlingTwiceThenSuccessTakesThreeRequestsAndSucceeds()
    {
        var handler = RecordingHandler.Sequence(
            () => Error("RequestLimitExceeded"), () => Error("RequestLimitExceeded.UinLimitExceeded"), () => RecordingHandler.Json(DescribeImagesAnswer));
        var time = Some.Time();
        var sink = new CollectingSink();

        var response = await Clock.RunAsync(time, Cvm(handler, time, sink).DescribeImagesAsync(new(), CancellationToken.None));

        Assert.Equal(3, handler.Requests.Count);
        Assert.NotEmpty(response.ImageSet);
        Assert.All(handler.Requests, request => Verify.Tc3(request, Some.SecretKey));
        var warnings = sink.Events.Where(e => e.Level == Serilog.Events.LogEventLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("RequestLimitExceeded", warnings[0].RenderMessage());
        Assert.Contains("DescribeImages", warnings[0].RenderMessage());
    }

    [Fact]
    public async Task RetryLogsNeverContainTheKeyTheTokenOrTheSignature()
    {
        var handler = RecordingHandler.Sequence(() => Error("InternalError"), () => RecordingHandler.Json(DescribeImagesAnswer));
        var time = Some.Time();
        var sink = new CollectingSink();

        await Clock.RunAsync(time, Cvm(handler, time, sink).DescribeImagesAsync(new(), CancellationToken.None));

        var logged = sink.AllText();
        Assert.NotEmpty(sink.Events);
        Assert.DoesNotContain(Some.SecretKey, logged);
        Assert.DoesNotContain(Some.Token, logged);
        Assert.DoesNotContain(handler.Requests[0].Header("Authorization")!.Split("Signature=")[1], logged);
    }

    [Theory]
    [InlineData("InternalError")]
    [InlineData("InternalError.UnknownError")]
    [InlineData("ServiceUnavailable")]
    public async Task ATransientErrorOnAReadIsRetried(string code)
    {
        var handler = RecordingHandler.Sequence(() => Error(code), () => RecordingHandler.Json(DescribeImagesAnswer));
        var time = Some.Time();

        await Clock.RunAsync(time, Cvm(handler, time).DescribeImagesAsync(new(), CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ADryRunThatCvmWouldAcceptReturnsNormallyAndATransientFailureOfItIsRetried()
    {
        var handler = RecordingHandler.Sequence(() => Error("InternalError"), () => Error("DryRunOperation"));
        var time = Some.Time();

        var answer = await Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export with { DryRun = true }, CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(0UL, answer.TaskId);
        Assert.Empty(answer.CosPaths);
        Assert.Equal("req-DryRunOperation", answer.RequestId);
    }

    [Fact]
    public async Task ADryRunThatCvmRefusesThrowsItsCode()
    {
        var handler = RecordingHandler.Sequence(() => Error("UnsupportedOperation.WindowsImageExportUnsupported"));
        var time = Some.Time();

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export with { DryRun = true }, CancellationToken.None)));

        Assert.Equal("UnsupportedOperation.WindowsImageExportUnsupported", error.Code);
    }

    [Fact]
    public async Task InternalErrorOnExportImagesIsAnUnknownOutcomeAfterExactlyOneRequest()
    {
        var handler = RecordingHandler.Sequence(() => Error("InternalError"), () => RecordingHandler.Json(ExportImagesAnswer));
        var time = Some.Time();

        var error = await Assert.ThrowsAsync<TencentCloudOutcomeUnknownException>(() => Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export, CancellationToken.None)));

        Assert.Single(handler.Requests);
        Assert.Equal("ExportImages", error.Action);
        Assert.Equal("InternalError", Assert.IsType<TencentCloudException>(error.InnerException).Code);
    }

    [Fact]
    public async Task ThrottlingOnExportImagesIsRetriedBecauseNothingWasCarriedOut()
    {
        var handler = RecordingHandler.Sequence(() => Error("RequestLimitExceeded"), () => RecordingHandler.Json(ExportImagesAnswer));
        var time = Some.Time();

        var response = await Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export, CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(105591590UL, response.TaskId);
    }

    [Fact]
    public async Task ARefusedConnectionOnExportImagesIsRetriedBecauseNothingWasSent()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : RecordingHandler.Json(ExportImagesAnswer));
        var time = Some.Time();

        await Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export, CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
    }

    public static TheoryData<string> UncertainFailures => ["http 502", "broken connection", "garbled answer"];

    [Theory]
    [MemberData(nameof(UncertainFailures))]
    public async Task AFailureAfterExportImagesMayHaveReachedCvmIsAnUnknownOutcomeWithoutRetry(string failure)
    {
        var handler = new RecordingHandler((_, _) => failure switch
        {
            "http 502" => RecordingHandler.Status(HttpStatusCode.BadGateway),
            "broken connection" => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"),
            _ => RecordingHandler.Json("<html>gateway</html>"),
        });
        var time = Some.Time();

        await Assert.ThrowsAsync<TencentCloudOutcomeUnknownException>(() => Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export, CancellationToken.None)));

        Assert.Single(handler.Requests);
    }

    [Theory]
    [MemberData(nameof(UncertainFailures))]
    public async Task TheSameFailuresOnAReadAreRetried(string failure)
    {
        var handler = new RecordingHandler((_, index) => (index, failure) switch
        {
            ( > 0, _) => RecordingHandler.Json(DescribeImagesAnswer),
            (_, "http 502") => RecordingHandler.Status(HttpStatusCode.BadGateway),
            (_, "broken connection") => throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"),
            _ => RecordingHandler.Json("<html>gateway</html>"),
        });
        var time = Some.Time();

        await Clock.RunAsync(time, Cvm(handler, time).DescribeImagesAsync(new(), CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task AnExportImagesAttemptThatTimesOutIsAnUnknownOutcome()
    {
        var handler = new RecordingHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return RecordingHandler.Json(ExportImagesAnswer);
        });
        var time = Some.Time();
        var options = new RetryOptions { AttemptTimeout = TimeSpan.FromSeconds(20) };

        var error = await Assert.ThrowsAsync<TencentCloudOutcomeUnknownException>(() => Clock.RunAsync(time, Cvm(handler, time, options: options).ExportImagesAsync(Export, CancellationToken.None)));

        Assert.Single(handler.Requests);
        Assert.Equal(TencentCloudErrorCodes.Timeout, Assert.IsType<TencentCloudException>(error.InnerException).Code);
    }

    [Fact]
    public async Task WhenEveryAttemptIsThrottledTheLastErrorSurfacesAfterTheConfiguredAttempts()
    {
        var handler = RecordingHandler.Sequence(() => Error("RequestLimitExceeded"));
        var time = Some.Time();
        var options = Some.Retry with { MaxAttempts = 3 };

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => Clock.RunAsync(time, Cvm(handler, time, options: options).DescribeImagesAsync(new(), CancellationToken.None)));

        Assert.Equal("RequestLimitExceeded", error.Code);
        Assert.Equal("req-RequestLimitExceeded", error.RequestId);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task AFinalErrorCodeOnExportImagesIsReportedAsIs()
    {
        var handler = RecordingHandler.Sequence(() => Error("UnsupportedOperation.WindowsImageExportUnsupported"));
        var time = Some.Time();

        var error = await Assert.ThrowsAsync<TencentCloudException>(() => Clock.RunAsync(time, Cvm(handler, time).ExportImagesAsync(Export, CancellationToken.None)));

        Assert.IsNotType<TencentCloudOutcomeUnknownException>(error);
        Assert.Equal("UnsupportedOperation.WindowsImageExportUnsupported", error.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CancellingStopsRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new RecordingHandler((_, _) =>
        {
            cancellation.Cancel();
            return Error("InternalError");
        });
        var time = Some.Time();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Clock.RunAsync(time, Cvm(handler, time).DescribeImagesAsync(new(), cancellation.Token)));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task CancellingDuringTheBackoffStopsRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = RecordingHandler.Sequence(() => Error("RequestLimitExceeded"));
        var time = Some.Time();
        // The backoff ceiling is far away, so the call is certainly waiting when it is cancelled.
        var options = Some.Retry with { BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) };
        var call = Cvm(handler, time, options: options).DescribeImagesAsync(new(), cancellation.Token);

        for (var i = 0; i < 100_000 && handler.Requests.Count == 0; i++)
        {
            await Task.Yield();
        }

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(handler.Requests);
    }
}
