using System.Text;
using ImageExport.Local.Emulator.Cvm;

namespace ImageExport.Local;

/// <summary>What a newcomer reads when the stack is up: where everything listens and what to try.</summary>
internal static class Banner
{
    public static string Render(LocalSession session, LocalOptions options, bool apiListening)
    {
        var e = session.Endpoints;
        var emulator = session.Emulator;
        var text = new StringBuilder();
        text.AppendLine("ImageExport local stack is up.");
        text.AppendLine();
        text.AppendLine($"  API (functions)   {e.Api}{(apiListening ? "" : "   (not listening yet: the functions are not wired into the local stack)")}");
        text.AppendLine($"  CVM API 3.0       {e.Cvm}   region {e.Region}, version {CvmEndpoint.Version}");
        text.AppendLine($"  COS (path-style)  {e.Cos}/<bucket>/<key>   APPID {e.AppId}");
        text.AppendLine($"  State             {Path.GetFullPath(options.StateDirectory)}");
        text.AppendLine($"  Endpoints & keys  {Path.Combine(Path.GetFullPath(options.StateDirectory), LocalEndpoints.FileName)}   (SecretId {e.SecretId})");
        text.AppendLine();
        text.AppendLine("  Buckets:");
        foreach (var bucket in emulator.Cos.Storage.Buckets)
        {
            var writers = bucket.Settings.WriterRoles.Count == 0 ? "no export role may write it" : "exports by " + string.Join(", ", bucket.Settings.WriterRoles);
            text.AppendLine($"    {bucket.Name,-28} {bucket.Settings.Region,-14} {writers}");
        }

        text.AppendLine();
        text.AppendLine($"  Images ({(options.ImagesFile is null ? "demo catalog" : options.ImagesFile)}):");
        if (options.ImagesFile is null)
        {
            foreach (var (imageId, shows) in DemoCatalog.Descriptions)
            {
                text.AppendLine($"    {imageId}  {shows}");
            }
        }
        else
        {
            foreach (var image in ImageCatalog.ReadFile(options.ImagesFile).Take(20))
            {
                text.AppendLine($"    {image?["ImageId"]}  {image?["ImageName"]}  ({image?["ImageType"]}, {image?["ImageState"]})");
            }
        }

        text.AppendLine();
        text.AppendLine($"  Exports take {options.ExportSecondsPerGib} s per GiB, {options.ExportLimit} at a time, named the {options.ExportNaming.ToString().ToLowerInvariant()} way.");
        text.AppendLine("  Stop with Ctrl+C. Logs follow as JSON lines.");
        return text.ToString();
    }
}
