using System.CommandLine;
using System.Text.Json.Nodes;
using ImageExport.Cli.Hosting;
using ImageExport.Cli.Output;
using Spectre.Console;

namespace ImageExport.Cli.Commands;

/// <summary><c>imageexport images [--exportable]</c>: the region's custom images and, in words, why one cannot be exported.</summary>
internal static class ImagesCommand
{
    public static Command Create(GlobalOptions globals, CliHost host)
    {
        var exportable = new Option<bool>("--exportable") { Description = "Only the images that can be exported" };
        var command = new Command("images", "List the region's custom images, each with what stands in the way of exporting it") { exportable };
        command.SetAction((parsed, cancellationToken) => CliApp.RunCommandAsync(host, parsed, globals, async (context, ct) =>
        {
            var answer = await context.Client().ImagesAsync(ct).ConfigureAwait(false);
            var onlyExportable = parsed.GetValue(exportable);
            if (context.Json)
            {
                var document = JsonNode.Parse(answer.Body)!.AsObject();
                if (onlyExportable)
                {
                    // Filtered on the service's own document, so fields this client does not know are kept.
                    var kept = document["images"]!.AsArray().Where(i => i?["exportable"]?.GetValue<bool>() == true).Select(i => i!.DeepClone()).ToArray();
                    document["images"] = new JsonArray(kept);
                }
                context.WriteJson(document);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("image").NoWrap()).AddColumns("name", "OS", "disks", "exportable", "problems");
            foreach (var image in answer.Value.Images.Where(i => !onlyExportable || i.Exportable))
            {
                table.AddRow(
                    Markup.Escape(image.ImageId),
                    Markup.Escape(image.ImageName ?? ""),
                    Markup.Escape(image.OsName ?? ""),
                    Markup.Escape(string.Join(" + ", image.Disks.Select(d => $"{d.SizeGiB} GiB"))),
                    image.Exportable ? "[green]yes[/]" : "[red]no[/]",
                    Markup.Escape(string.Join("; ", image.Problems.Select(p => p.Message))));
            }
            context.Terminal.MarkupLine($"Custom images in [bold]{Markup.Escape(answer.Value.Region)}[/]:");
            context.Terminal.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
