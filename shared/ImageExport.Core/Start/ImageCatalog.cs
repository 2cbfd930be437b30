using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Rules;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Start;

/// <summary><c>GET /images</c>: the region's custom images, each with whether the export rules allow it and why not.</summary>
internal sealed class ImageCatalog(ICvmApi cvm, ImageExportSettings settings)
{
    private const int PageSize = 100;
    private const int MaxPages = 50;

    public async Task<CatalogView> ListAsync(Language language, CancellationToken cancellationToken)
    {
        var images = new List<CatalogImage>();
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await cvm.DescribeImagesAsync(new DescribeImagesRequest
            {
                Filters = [new CvmFilter("image-type", ["PRIVATE_IMAGE"])],
                Offset = (ulong)(page * PageSize),
                Limit = PageSize,
            }, cancellationToken).ConfigureAwait(false);
            foreach (var image in response.ImageSet)
            {
                // onlyRootDisk is the per-request escape from the data-disk rule; the catalogue shows the whole-image verdict.
                var problems = ImageRules.Check(image, onlyRootDisk: false);
                images.Add(new CatalogImage
                {
                    ImageId = image.ImageId,
                    ImageName = image.ImageName,
                    OsName = image.OsName,
                    Platform = image.Platform,
                    ImageState = image.ImageState,
                    ImageType = image.ImageType,
                    ImageSize = image.ImageSize,
                    Disks = ImageRules.Disks(image),
                    Exportable = problems.Count == 0,
                    Problems = problems.Select(p => p.In(language)).ToList(),
                });
            }
            if (response.ImageSet.Count < PageSize || images.Count >= response.TotalCount) break;
        }
        return new CatalogView(settings.Region, images);
    }
}
