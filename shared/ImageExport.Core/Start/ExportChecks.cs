using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Core.Submission;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Api;
using ImageExport.TencentCloud.Cos;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Start;

/// <summary>What the checks found: the images CVM described and every problem, per image and for the bucket.</summary>
internal sealed record CheckOutcome(
    IReadOnlyDictionary<string, CvmImage> Images,
    IReadOnlyList<Problem> ImageProblems,
    IReadOnlyList<Problem> BucketProblems)
{
    public bool Ok => ImageProblems.Count == 0 && BucketProblems.Count == 0;

    public IReadOnlyList<Problem> All => [.. BucketProblems, .. ImageProblems];

    public IReadOnlyList<Problem> For(string imageId) => ImageProblems.Where(p => p.ImageId == imageId).ToList();
}

/// <summary>
/// Every rule checked before any cost is incurred: DescribeImages (one batched call) and HEAD bucket at once, then
/// CVM's own DryRun for every image that passed, all at once, so every problem is reported together.
/// </summary>
internal sealed class ExportChecks(ICvmApi cvm, ICosApi cos, ImageExportSettings settings)
{
    public async Task<CheckOutcome> RunAsync(ExportRequest request, string prefix, CancellationToken cancellationToken)
    {
        // DescribeImages and HEAD bucket do not depend on each other: asked at once, the start waits for the slower only.
        var describing = DescribeAsync(request.ImageIds, cancellationToken);
        var checkingBucket = CheckBucketAsync(request.Bucket, cancellationToken);
        await Task.WhenAll(describing, checkingBucket).ConfigureAwait(false);
        var images = await describing.ConfigureAwait(false);
        var bucketProblems = await checkingBucket.ConfigureAwait(false);

        var imageProblems = new List<Problem>();
        foreach (var id in request.ImageIds)
        {
            if (images.TryGetValue(id, out var image))
            {
                imageProblems.AddRange(ImageRules.Check(image, request.OnlyRootDisk));
            }
            else
            {
                imageProblems.Add(Problem.ForImage(id, ProblemCodes.ImageNotFound, LocalText.Of("problem.image.notFound", ("imageId", id), ("region", settings.Region))));
            }
        }

        if (bucketProblems.Count == 0)
        {
            // One DryRun per image, all at once; their problems are collected in request order.
            var candidates = request.ImageIds.Where(id => images.ContainsKey(id) && imageProblems.All(p => p.ImageId != id)).ToList();
            var verdicts = await Task.WhenAll(candidates.Select(id => DryRunAsync(request, prefix, id, cancellationToken))).ConfigureAwait(false);
            foreach (var problem in verdicts)
            {
                if (problem is null)
                {
                    continue;
                }

                if (problem.ImageId is null)
                {
                    if (bucketProblems.All(p => p.Code != problem.Code))
                    {
                        bucketProblems.Add(problem);
                    }
                }
                else
                {
                    imageProblems.Add(problem);
                }
            }
        }
        return new CheckOutcome(images, imageProblems, bucketProblems);
    }

    /// <summary>The images with these IDs, asked 100 at a time; images CVM does not return do not exist.</summary>
    public async Task<Dictionary<string, CvmImage>> DescribeAsync(IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, CvmImage>(StringComparer.Ordinal);
        foreach (var image in await cvm.DescribeImagesByIdsAsync(imageIds, cancellationToken).ConfigureAwait(false))
        {
            found[image.ImageId] = image;
        }

        return found;
    }

    private async Task<List<Problem>> CheckBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        CosBucketInfo? info;
        try
        {
            info = await cos.HeadBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (CosException e) when (e.StatusCode == 403)
        {
            return [Problem.ForBucket(bucket, ProblemCodes.BucketPermissionDenied, LocalText.Of("problem.bucket.forbidden", ("bucket", bucket), ("code", e.Code ?? "")))];
        }
        if (info is null)
        {
            return [Problem.ForBucket(bucket, ProblemCodes.BucketNotFound, LocalText.Of("problem.bucket.notFound", ("bucket", bucket), ("region", settings.Region)))];
        }
        if (info.Region is not null && !string.Equals(info.Region, settings.Region, StringComparison.OrdinalIgnoreCase))
        {
            return [Problem.ForBucket(bucket, ProblemCodes.BucketRegionMismatch,
                LocalText.Of("problem.bucket.regionMismatch", ("bucket", bucket), ("bucketRegion", info.Region), ("region", settings.Region)))];
        }
        return [];
    }

    private async Task<Problem?> DryRunAsync(ExportRequest request, string prefix, string imageId, CancellationToken cancellationToken)
    {
        try
        {
            await cvm.ExportImagesAsync(Submitter.Request(request.Bucket, imageId, request.Format, prefix, request.OnlyRootDisk, request.RoleName, dryRun: true), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (TencentCloudException e) when (e is not TencentCloudOutcomeUnknownException)
        {
            // DryRun has no lasting effect, so a transient failure here only means CVM could not confirm; the real call decides.
            return CvmRejections.ToProblem(e, imageId, request.Bucket);
        }
        catch (TencentCloudOutcomeUnknownException)
        {
            return null;
        }
    }
}
