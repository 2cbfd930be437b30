using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator.Cvm;

/// <summary>DescribeImages (2017-03-12): ImageIds or Filters, never both; Offset; Limit ≤ 100 (default 20).</summary>
internal sealed class DescribeImagesAction(ImageCatalog catalog)
{
    public const int MaxFilters = 10;
    public const int MaxFilterValues = 5;
    public const int MaxImageIds = 100;
    public const ulong DefaultLimit = 20;
    public const ulong MaxLimit = 100;

    private static readonly string[] FilterNames =
        ["image-id", "image-type", "image-name", "platform", "tag-key", "tag-value", "dedicated-cluster-id", "cdc-cache-status"];

    public JsonObject Execute(CvmParameters parameters)
    {
        parameters.AllowOnly("ImageIds", "Filters", "Offset", "Limit", "InstanceType");
        var ids = parameters.StringArray("ImageIds");
        var filters = parameters.Array("Filters");
        if (ids is { Count: > 0 } && filters is { Count: > 0 })
        {
            throw new CvmApiException("InvalidParameter.InvalidParameterCoexistImageIdsFilters", "ImageIds and Filters cannot be specified at the same time.");
        }

        var limit = parameters.UInt("Limit") ?? DefaultLimit;
        if (limit > MaxLimit)
        {
            throw new CvmApiException("InvalidParameterValue.InvalidParameterValueLimit", $"Limit must be at most {MaxLimit}.");
        }

        // Zero taken as "not given", as API 3.0 list actions commonly do (a guess for DescribeImages).
        if (limit == 0)
        {
            limit = DefaultLimit;
        }

        var offset = parameters.UInt("Offset") ?? 0;
        parameters.String("InstanceType");

        IEnumerable<CatalogImage> images = catalog.All;
        if (ids is { Count: > 0 })
        {
            images = ByIds(ids);
        }
        else if (filters is { Count: > 0 })
        {
            var predicates = ParseFilters(filters);
            images = images.Where(image => predicates.All(p => p(image)));
        }

        var matched = images.ToList();
        var page = new JsonArray();
        foreach (var image in matched.Skip((int)Math.Min(offset, int.MaxValue)).Take((int)limit))
        {
            page.Add(image.Wire.DeepClone());
        }

        return new JsonObject { ["TotalCount"] = matched.Count, ["ImageSet"] = page };
    }

    private IEnumerable<CatalogImage> ByIds(IReadOnlyList<string> ids)
    {
        if (ids.Count > MaxImageIds)
        {
            throw new CvmApiException("InvalidParameterValue.LimitExceeded", $"At most {MaxImageIds} ImageIds per request.");
        }

        foreach (var id in ids)
        {
            if (!ImageIds.IsWellFormed(id))
            {
                throw ImageIds.Malformed(id);
            }
        }

        // Unknown IDs are simply absent from ImageSet.
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        return catalog.All.Where(i => wanted.Contains(i.ImageId));
    }

    private static List<Func<CatalogImage, bool>> ParseFilters(JsonArray filters)
    {
        if (filters.Count > MaxFilters)
        {
            throw new CvmApiException("InvalidParameterValue.LimitExceeded", $"At most {MaxFilters} Filters per request.");
        }

        var predicates = new List<Func<CatalogImage, bool>>();
        for (var i = 0; i < filters.Count; i++)
        {
            if (filters[i] is not JsonObject filter)
            {
                throw new CvmApiException("InvalidParameter", $"Filters.{i} must be an object with Name and Values.");
            }

            var entry = new CvmParameters(filter);
            var name = entry.String("Name") ?? throw new CvmApiException("MissingParameter", $"Filters.{i}.Name is required.");
            var values = entry.StringArray("Values") ?? throw new CvmApiException("MissingParameter", $"Filters.{i}.Values is required.");
            if (values.Count > MaxFilterValues)
            {
                throw new CvmApiException("InvalidFilterValue.LimitExceeded", $"Filter {name} has more than {MaxFilterValues} values.");
            }

            if (!FilterNames.Contains(name, StringComparer.Ordinal) && !name.StartsWith("tag:", StringComparison.Ordinal))
            {
                throw new CvmApiException("InvalidFilter", $"The filter `{name}` is not supported.");
            }

            predicates.Add(Predicate(name, values));
        }

        return predicates;
    }

    /// <summary>Values of one filter are ORed; the filters themselves are ANDed by the caller.</summary>
    private static Func<CatalogImage, bool> Predicate(string name, IReadOnlyList<string> values)
    {
        bool Exact(string? field) => field is not null && values.Contains(field, StringComparer.Ordinal);
        bool Fuzzy(string? field) => field is not null && values.Any(v => field.Contains(v, StringComparison.OrdinalIgnoreCase));

        return name switch
        {
            "image-id" => image => Exact(image.ImageId),
            "image-type" => image => Exact(image.ImageType),
            "image-name" => image => Fuzzy(image.ImageName),
            "platform" => image => Fuzzy(image.Platform),
            "tag-key" => image => image.Tags.Any(t => Exact(t.Key)),
            "tag-value" => image => image.Tags.Any(t => Exact(t.Value)),
            "cdc-cache-status" => image => Exact(image.Field("CdcCacheStatus")),
            "dedicated-cluster-id" => image => Exact(image.Field("DedicatedClusterId")),
            _ => image => image.Tags.Any(t => t.Key == name["tag:".Length..] && Exact(t.Value)),
        };
    }
}

