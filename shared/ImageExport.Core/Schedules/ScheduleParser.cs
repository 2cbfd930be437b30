using System.Text.Json;
using ImageExport.Core.Configuration;
using ImageExport.Core.Jobs;
using ImageExport.Core.Rules;
using ImageExport.Scf.Events;
using ImageExport.TencentCloud.Cvm;

namespace ImageExport.Core.Schedules;

/// <summary>
/// Reads a timer event's <c>Message</c> as a schedule, field by field, naming every field at fault. As with
/// <c>POST /exports</c>, unknown fields are refused: a misspelt <c>keepLast</c> silently ignored would keep every export.
/// </summary>
internal static class ScheduleParser
{
    private static readonly HashSet<string> Known = ["schedule", "cron", "images", "bucket", "format", "onlyRootDisk", "prefix", "retention"];
    private static readonly HashSet<string> KnownImages = ["ids", "tags"];
    private static readonly HashSet<string> KnownRetention = ["keepLast", "maxAgeDays", "dryRun"];

    // DescribeImages takes at most 10 filters (reference/tencent-cloud-api.md §2); each tag is one.
    public const int MaxTags = CvmFilter.MaxFilters;
    public const int MaxPrefixLength = Naming.MaxPrefixLength - ScheduleSlot.RunPrefixSuffixLength;

    /// <summary>The schedule, or every error found (the schedule's name too, when it could be read, for the report).</summary>
    public static (Schedule? Schedule, string? Name, IReadOnlyList<ScheduleError> Errors) Parse(string? message, ImageExportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(message))
        {
            return (null, null, [new ScheduleError("Message", "is empty: a timer trigger on the start function needs a schedule as its argument (README \"Schedules\")")]);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, null, [new ScheduleError("Message", "is not JSON: " + e.Message)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, [new ScheduleError("Message", "is not a JSON object")]);
            }

            var errors = new List<ScheduleError>();
            CheckNames(root, Known, "", errors);

            var name = String(root, "schedule", errors);
            if (name is null)
            {
                errors.Add(new ScheduleError("schedule", "is required: the schedule's name"));
            }
            else if (!ScheduleNames.IsValid(name))
            {
                errors.Add(new ScheduleError("schedule", $"'{JsonFields.Shorten(name)}' is not a name: a letter, then letters, digits, '_' or '-', at most 60 characters"));
            }

            ScfCron? cron = null;
            var cronText = String(root, "cron", errors);
            if (cronText is null)
            {
                errors.Add(new ScheduleError("cron", "is required: the trigger's own 7-field cron (second minute hour day month weekday year)"));
            }
            else
            {
                try
                {
                    cron = ScfCron.Parse(cronText);
                }
                catch (FormatException e)
                {
                    errors.Add(new ScheduleError("cron", e.Message));
                }
            }

            var (ids, tags) = Images(root, errors);

            var bucket = String(root, "bucket", errors) ?? settings.DefaultBucket;
            if (bucket is null)
            {
                errors.Add(new ScheduleError("bucket", "is required (no IMAGEEXPORT_DEFAULT_BUCKET is configured)"));
            }
            else if (!Naming.IsBucket(bucket, settings.Region))
            {
                errors.Add(new ScheduleError("bucket", $"'{JsonFields.Shorten(bucket)}' is not a bucket name: {ResourceNames.BucketRule(bucket, settings.Region)}"));
            }

            var format = String(root, "format", errors)?.ToLowerInvariant() ?? "raw";
            if (!Naming.Formats.Contains(format))
            {
                errors.Add(new ScheduleError("format", "must be one of " + string.Join(", ", Naming.Formats)));
            }

            var onlyRootDisk = Bool(root, "onlyRootDisk", "onlyRootDisk", errors);

            var prefix = String(root, "prefix", errors) ?? (ScheduleNames.IsValid(name) ? name : null);
            if (prefix is not null)
            {
                if (prefix.Length > MaxPrefixLength)
                {
                    errors.Add(new ScheduleError("prefix", $"is longer than {MaxPrefixLength} characters (each run adds '/<slot>')"));
                }
                else if (Naming.PrefixProblem(prefix) is { } problem)
                {
                    errors.Add(new ScheduleError("prefix", problem.ToString()));
                }
            }

            var retention = Retention(root, errors);

            if (errors.Count > 0)
            {
                return (null, ScheduleNames.IsValid(name) ? name : null, errors);
            }

            return (new Schedule
            {
                Name = name!,
                Cron = cron!,
                ImageIds = ids,
                Tags = tags,
                Bucket = bucket!,
                Format = format,
                OnlyRootDisk = onlyRootDisk,
                Prefix = prefix!,
                Retention = retention,
            }, name, []);
        }
    }

    private static (IReadOnlyList<string>? Ids, IReadOnlyDictionary<string, string>? Tags) Images(JsonElement root, List<ScheduleError> errors)
    {
        if (!root.TryGetProperty("images", out var images) || images.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new ScheduleError("images", "is required: {\"ids\":[\"img-…\"]} or {\"tags\":{\"key\":\"value\"}}"));
            return (null, null);
        }
        if (images.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScheduleError("images", "must be an object: {\"ids\":[…]} or {\"tags\":{…}}"));
            return (null, null);
        }
        CheckNames(images, KnownImages, "images.", errors);
        var hasIds = images.TryGetProperty("ids", out var ids) && ids.ValueKind != JsonValueKind.Null;
        var hasTags = images.TryGetProperty("tags", out var tags) && tags.ValueKind != JsonValueKind.Null;
        if (hasIds == hasTags)
        {
            errors.Add(new ScheduleError("images", "needs exactly one of ids and tags"));
            return (null, null);
        }
        return hasIds ? (Ids(ids, errors), null) : (null, Tags(tags, errors));
    }

    private static List<string>? Ids(JsonElement ids, List<ScheduleError> errors)
    {
        if (ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() is 0 or > Naming.MaxImageIds)
        {
            errors.Add(new ScheduleError("images.ids", $"must be an array of 1 to {Naming.MaxImageIds} image IDs"));
            return null;
        }
        var result = new List<string>();
        var index = 0;
        foreach (var item in ids.EnumerateArray())
        {
            var field = $"images.ids[{index++}]";
            var id = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (id is null || !Naming.ImageId().IsMatch(id))
            {
                errors.Add(new ScheduleError(field, "is not an image ID (img- and 8 lower-case letters or digits)"));
            }
            else if (result.Contains(id))
            {
                errors.Add(new ScheduleError(field, $"{id} is named twice"));
            }
            else
            {
                result.Add(id);
            }
        }
        return result;
    }

    private static Dictionary<string, string>? Tags(JsonElement tags, List<ScheduleError> errors)
    {
        if (tags.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScheduleError("images.tags", "must be an object of tag keys and values"));
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags.EnumerateObject())
        {
            var field = $"images.tags.{JsonFields.Shorten(tag.Name)}";
            if (tag.Name.Length == 0 || tag.Name.Any(char.IsControl))
            {
                errors.Add(new ScheduleError(field, "is not a tag key"));
            }
            else if (tag.Value.ValueKind != JsonValueKind.String || tag.Value.GetString() is not { Length: > 0 } value || value.Any(char.IsControl))
            {
                errors.Add(new ScheduleError(field, "must be a non-empty string: the tag's value"));
            }
            else if (!result.TryAdd(tag.Name, value))
            {
                errors.Add(new ScheduleError(field, "is named twice"));
            }
        }
        if (result.Count == 0 && errors.All(e => !e.Field.StartsWith("images.tags", StringComparison.Ordinal)))
        {
            errors.Add(new ScheduleError("images.tags", "names no tag"));
        }

        if (result.Count > MaxTags)
        {
            errors.Add(new ScheduleError("images.tags", $"names {result.Count} tags; DescribeImages takes at most {MaxTags} filters"));
        }

        return result;
    }

    private static RetentionPolicy? Retention(JsonElement root, List<ScheduleError> errors)
    {
        if (!root.TryGetProperty("retention", out var retention) || retention.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (retention.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScheduleError("retention", "must be an object: {\"keepLast\":4,\"maxAgeDays\":null,\"dryRun\":false}"));
            return null;
        }
        CheckNames(retention, KnownRetention, "retention.", errors);
        var keepLast = Count(retention, "keepLast", errors);
        var maxAgeDays = Count(retention, "maxAgeDays", errors);
        var dryRun = Bool(retention, "dryRun", "retention.dryRun", errors);
        return new RetentionPolicy(keepLast, maxAgeDays, dryRun);
    }

    private static int? Count(JsonElement parent, string name, List<ScheduleError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= 100_000)
        {
            return n;
        }

        errors.Add(new ScheduleError("retention." + name, "must be a whole number from 1 to 100000, or null"));
        return null;
    }

    private static void CheckNames(JsonElement element, IReadOnlySet<string> known, string path, List<ScheduleError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors.Add(new ScheduleError(path + JsonFields.Shorten(property.Name), "is not a schedule field; known: " + string.Join(", ", known)));
            }
            else if (!seen.Add(property.Name))
            {
                errors.Add(new ScheduleError(path + property.Name, "is given twice"));
            }
        }
    }

    private static string? String(JsonElement root, string name, List<ScheduleError> errors) =>
        JsonFields.OptionalString(root, name, errors, () => new ScheduleError(name, "must be a string"));

    private static bool Bool(JsonElement parent, string name, string field, List<ScheduleError> errors) =>
        JsonFields.OptionalBool(parent, name, errors, () => new ScheduleError(field, "must be true or false"));
}
