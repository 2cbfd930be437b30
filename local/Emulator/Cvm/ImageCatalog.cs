using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>The images of the emulated region, in the order given.</summary>
internal sealed class ImageCatalog
{
    private readonly Dictionary<string, CatalogImage> _byId;

    public ImageCatalog(JsonArray images)
    {
        var list = new List<CatalogImage>(images.Count);
        foreach (var (node, index) in images.Select((n, i) => (n, i)))
        {
            if (node is not JsonObject image)
            {
                throw new FormatException($"image #{index} is not a JSON object");
            }

            list.Add(CatalogImage.From(image));
        }

        All = list;
        _byId = new Dictionary<string, CatalogImage>(StringComparer.Ordinal);
        foreach (var image in list)
        {
            if (!_byId.TryAdd(image.ImageId, image))
            {
                throw new FormatException($"{image.ImageId} appears twice");
            }
        }
    }

    public IReadOnlyList<CatalogImage> All { get; }

    public CatalogImage? Find(string imageId) => _byId.GetValueOrDefault(imageId);

    /// <summary>
    /// Reads an image file: a JSON array of <c>Image</c> objects, or a DescribeImages answer (<c>{"ImageSet":[…]}</c>,
    /// optionally inside <c>"Response"</c>) so a captured real answer can be used as it is.
    /// </summary>
    public static JsonArray ReadFile(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not valid JSON: {e.Message}", e);
        }

        var array = root switch
        {
            JsonArray a => a,
            JsonObject o when o["Response"] is JsonObject r && r["ImageSet"] is JsonArray set => set,
            JsonObject o when o["ImageSet"] is JsonArray set => set,
            _ => throw new FormatException($"{path} must hold a JSON array of CVM Image objects (or a DescribeImages answer with ImageSet)"),
        };
        array.Parent?.AsObject().Remove(array.GetPropertyName());
        return array;
    }
}
