using ImageExport.Core.Configuration;
using ImageExport.Core.Rules;
using ImageExport.Core.Start;
using ImageExport.Core.Tests.Support;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Tests.Start;

/// <summary>What one <c>POST /exports</c> waits for: the requests it makes and which of them it makes at once.</summary>
public sealed class StartLatencyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AOneImageStartMakesSixStorageRequestsAndNeverReadsBackItsOwnPathIndexEntries()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "0");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux002"));
        await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));
        app.Cos.ClearRequests();

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux002"));

        Assert.Equal(202, started.Status);
        var requests = app.Cos.Requests;
        // HEAD bucket; the predicted path entry; active key and index entry; the requested event, which is also the
        // image's submitting claim; the submitted event. CosPaths equal to the prediction are not written again, and the
        // active key written at creation (r1: one export running) still describes the job after it, so it stays.
        Assert.True(requests.Count == 6, $"{requests.Count} requests:\n" + string.Join("\n", requests));
        Assert.Single(requests, r => r.Contains("/active/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("DELETE ", StringComparison.Ordinal) || r.StartsWith("LIST", StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("/paths/", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("GET ", StringComparison.Ordinal));
        var entry = app.Cos.Text(TestApp.Bucket, TestApp.StatePrefix + app.StateKeys("paths/").Single(k => k.Contains(started.JobId, StringComparison.Ordinal)));
        Assert.Contains(started.JobId, entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunningExportsAreCountedWhileCvmDescribesTheImages()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "5");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var counted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Cos.BeforeRequest = (verb, key) =>
        {
            if (verb == "LIST" && key.StartsWith(TestApp.StatePrefix + "active/", StringComparison.Ordinal))
            {
                counted.TrySetResult();
            }

            return Task.CompletedTask;
        };
        // DescribeImages answers only once the count has been asked for: asked one after the other, the start never ends.
        app.Cvm.BeforeDescribe = () => counted.Task.WaitAsync(Bound);

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001")).WaitAsync(Bound * 2);

        Assert.Equal(202, started.Status);
        Assert.Single(app.Cos.Requests, r => r.StartsWith("LIST ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedRequestStillWritesNothingThoughTheCountWasAsked()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "5");
        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));

        var refused = await app.PostExportsAsync(TestApp.ExportBody("img-windows1"));

        Assert.Equal(422, refused.Status);
        Assert.DoesNotContain(app.Cos.Requests, r => !r.StartsWith("LIST ", StringComparison.Ordinal) && !r.StartsWith("HEADBUCKET ", StringComparison.Ordinal));
        Assert.Empty(app.StateKeys());
    }

    [Fact]
    public async Task ThePathIndexActiveKeyAndIndexEntryAreWrittenAtOnceBeforeTheJob()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "0");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var inFlight = 0;
        var allThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] together = ["paths/", "active/", "index/"];
        app.Cos.BeforeRequest = (verb, key) =>
        {
            if (verb != "PUT")
            {
                return Task.CompletedTask;
            }

            if (key.StartsWith(TestApp.StatePrefix + "jobs/", StringComparison.Ordinal))
            {
                // The job's first event comes only after all three are stored.
                Assert.True(allThree.Task.IsCompleted, "the job was written before its path index, active key and index entry");
                return Task.CompletedTask;
            }
            if (!together.Any(p => key.StartsWith(TestApp.StatePrefix + p, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }
            // Each answers only once all three have been asked: written one after the other, the start never ends.
            if (Interlocked.Increment(ref inFlight) == together.Length)
            {
                allThree.TrySetResult();
            }

            return allThree.Task.WaitAsync(Bound);
        };

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001")).WaitAsync(Bound * 2);

        Assert.Equal(202, started.Status);
        Assert.Equal("exporting", started.Body!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryFileCvmNamesIsInThePathIndexWhenStartAnswers()
    {
        var app = new TestApp(env => env["IMAGEEXPORT_MAX_CONCURRENT_EXPORTS"] = "0");
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001", dataDisks: 1));

        var started = await app.PostExportsAsync(TestApp.ExportBody("img-linux001"));

        Assert.Equal(202, started.Status);
        foreach (var path in started.Body!["images"]![0]!["cosPaths"]!.AsArray())
        {
            var key = path!.GetValue<string>().TrimStart('/');
            Assert.Contains($"paths/{TestApp.Bucket}/{key}.json", app.StateKeys("paths/"));
        }
    }

    [Fact]
    public async Task TheBucketIsCheckedWhileCvmDescribesTheImages()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));
        var cos = new GatedCos(app.Cos);
        // DescribeImages answers only once HEAD bucket has been asked: asked one after the other, the check never ends.
        var cvm = new GatedCvm(app.Cvm) { BeforeDescribe = cos.HeadBucketStarted };
        var checks = new ExportChecks(cvm, cos, Settings(app));

        var outcome = await checks.RunAsync(Request("img-linux001"), "p", CancellationToken.None).WaitAsync(Bound);

        Assert.True(outcome.Ok, string.Join(", ", outcome.All.Select(p => p.Code)));
        Assert.Single(app.Cvm.DryRunCalls);
    }

    [Fact]
    public async Task EveryImageThatPassedIsDryRunAtOnce()
    {
        var app = new TestApp();
        string[] ids = ["img-linux001", "img-linux002", "img-linux003"];
        foreach (var id in ids)
        {
            app.Cvm.Catalog.Add(Some.LinuxImage(id));
        }

        app.Cvm.Catalog.Add(Some.WindowsImage("img-windows1"));
        // Each DryRun answers only once all three have been asked.
        var cvm = new GatedCvm(app.Cvm) { DryRunsTogether = ids.Length };
        var checks = new ExportChecks(cvm, app.Cos, Settings(app));

        var outcome = await checks.RunAsync(Request([.. ids, "img-windows1"]), "p", CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(ids, app.Cvm.DryRunCalls.Select(c => c.ImageIds[0]).Order().ToArray());
        Assert.All(outcome.ImageProblems, p => Assert.Equal("img-windows1", p.ImageId));
    }

    [Fact]
    public async Task ABucketProblemStillMeansNoDryRun()
    {
        var app = new TestApp();
        app.Cvm.Catalog.Add(Some.LinuxImage("img-linux001"));

        var outcome = await new ExportChecks(app.Cvm, app.Cos, Settings(app)).RunAsync(Request("img-linux001") with { Bucket = "missing-1250000000" }, "p", CancellationToken.None);

        Assert.Equal([ProblemCodes.BucketNotFound], outcome.BucketProblems.Select(p => p.Code));
        Assert.Empty(app.Cvm.DryRunCalls);
    }

    private static ImageExportSettings Settings(TestApp app) => ImageExportSettings.FromEnvironment(name => app.Env.GetValueOrDefault(name));

    private static ExportRequest Request(params string[] imageIds) =>
        new() { ImageIds = imageIds, Bucket = TestApp.Bucket, Format = "raw", RoleName = "CVM_QcsRole" };

    private sealed class GatedCos(ICosApi inner) : ICosApi
    {
        private readonly TaskCompletionSource _headBucket = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HeadBucketStarted => _headBucket.Task;

        public Task<CosBucketInfo?> HeadBucketAsync(string bucket, CancellationToken cancellationToken)
        {
            _headBucket.TrySetResult();
            return inner.HeadBucketAsync(bucket, cancellationToken);
        }

        public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, CancellationToken cancellationToken) =>
            inner.PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, cancellationToken);

        public Task<CosPutResult> PutObjectAsync(string bucket, string key, ReadOnlyMemory<byte> content, string? contentType, bool forbidOverwrite, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
            inner.PutObjectAsync(bucket, key, content, contentType, forbidOverwrite, metadata, cancellationToken);

        public Task<CosObject?> GetObjectAsync(string bucket, string key, CancellationToken cancellationToken) => inner.GetObjectAsync(bucket, key, cancellationToken);

        public Task<CosObjectInfo?> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken) => inner.HeadObjectAsync(bucket, key, cancellationToken);

        public Task DeleteObjectAsync(string bucket, string key, CancellationToken cancellationToken) => inner.DeleteObjectAsync(bucket, key, cancellationToken);

        public Task<CosDeleteResult> DeleteObjectsAsync(string bucket, IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.DeleteObjectsAsync(bucket, keys, cancellationToken);

        public Task<CosUploadPage> ListMultipartUploadsAsync(string bucket, string prefix, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken) =>
            inner.ListMultipartUploadsAsync(bucket, prefix, keyMarker, uploadIdMarker, maxUploads, cancellationToken);

        public Task<CosPartPage?> ListPartsAsync(string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken) =>
            inner.ListPartsAsync(bucket, key, uploadId, partNumberMarker, maxParts, cancellationToken);

        public Task<CosListPage> ListObjectsAsync(string bucket, string? prefix, string? marker, int maxKeys, CancellationToken cancellationToken) =>
            inner.ListObjectsAsync(bucket, prefix, marker, maxKeys, cancellationToken);

        public Task<string?> GetBucketVersioningAsync(string bucket, CancellationToken cancellationToken) => inner.GetBucketVersioningAsync(bucket, cancellationToken);

        public CosPresignedUrl PresignGetObject(string bucket, string key, TimeSpan lifetime) => inner.PresignGetObject(bucket, key, lifetime);
    }

    private sealed class GatedCvm(ICvmApi inner) : ICvmApi
    {
        private readonly TaskCompletionSource _allDryRuns = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _dryRuns;

        public Task? BeforeDescribe { get; init; }

        public int DryRunsTogether { get; init; }

        public async Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
        {
            if (BeforeDescribe is { } gate)
            {
                await gate.WaitAsync(Bound, cancellationToken);
            }

            return await inner.DescribeImagesAsync(request, cancellationToken);
        }

        public async Task<ExportImagesResponse> ExportImagesAsync(ExportImagesRequest request, CancellationToken cancellationToken)
        {
            if (request.DryRun == true && DryRunsTogether > 0)
            {
                if (Interlocked.Increment(ref _dryRuns) == DryRunsTogether)
                {
                    _allDryRuns.TrySetResult();
                }

                await _allDryRuns.Task.WaitAsync(Bound, cancellationToken);
            }
            return await inner.ExportImagesAsync(request, cancellationToken);
        }
    }
}
