using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Rules;
using ImageExport.Core.Texts;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Start;

/// <summary><c>GET /images</c>: the region's custom images, each with whether the export rules allow it and why not.</summary>
internal sealed class ImageCatalog(ICvmApi cvm, ImageExportSettings settings)
{
    // 5,000 images; an account with more sees the first ones.
    private const int MaxPages = 50;

    public async Task<CatalogView> ListAsync(Language language, CancellationToken cancellationToken)
    {
        var listed = await cvm.ListImagesAsync([new CvmFilter("image-type", ["PRIVATE_IMAGE"])], MaxPages, cancellationToken).ConfigureAwait(false);
        var images = new List<CatalogImage>();
        foreach (var image in listed.Items)
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
        return new CatalogView(settings.Region, images);
    }
}
