using System.Globalization;
using System.Text.Json;
using ImageExport.Core.Configuration;
using ImageExport.Core.Http;
using ImageExport.Core.Rules;

namespace ImageExport.Core.Start;

/// <summary>
/// Reads a <c>POST /exports</c> body field by field, so every malformed field is named. Unknown fields are
/// rejected: a misspelt <c>onlyRootDisk</c> silently ignored would export more than asked.
/// </summary>
internal static class ExportRequestParser
{
    private static readonly HashSet<string> Known = ["imageIds", "bucket", "prefix", "format", "onlyRootDisk", "dryRun", "roleName"];

    public static (ExportRequest? Request, IReadOnlyList<FieldError> Errors) Parse(ReadOnlyMemory<byte> body, ImageExportSettings settings)
    {
        if (body.IsEmpty)
        {
            return (null, [new FieldError("body", "field.body.required")]);
        }
        // JsonDocument checks UTF-8 only when a string is read, and then throws something that is not a JsonException.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, [new FieldError("body", "field.body.utf8")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, [new FieldError("body", "field.body.json", ("error", e.Message))]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new FieldError("body", "field.body.object")]);
            }

            var errors = new List<FieldError>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name))
                {
                    errors.Add(new FieldError(property.Name, "field.unknown", ("known", string.Join(", ", Known))));
                }
                else if (!seen.Add(property.Name))
                {
                    // Which of two values wins is the parser's choice, not the caller's: refuse rather than guess.
                    errors.Add(new FieldError(property.Name, "field.duplicate"));
                }
            }

            var imageIds = ImageIds(root, errors);
            var bucket = OptionalString(root, "bucket", errors) ?? settings.DefaultBucket;
            if (bucket is null)
            {
                errors.Add(new FieldError("bucket", "field.bucket.required"));
            }
            else if (!Naming.IsBucket(bucket, settings.Region))
            {
                errors.Add(new FieldError("bucket", "field.bucket.shape", ("value", JsonFields.Shorten(bucket)), ("region", settings.Region),
                ("max", Naming.MaxBucketDomainLength.ToString(CultureInfo.InvariantCulture)), ("length", Naming.BucketDomain(bucket, settings.Region).Length.ToString(CultureInfo.InvariantCulture))));
            }

            var prefix = OptionalString(root, "prefix", errors);
            if (prefix is not null && Naming.PrefixProblem(prefix) is { } prefixProblem)
            {
                errors.Add(new FieldError("prefix", prefixProblem));
            }

            var format = OptionalString(root, "format", errors)?.ToLowerInvariant() ?? "raw";
            if (!Naming.Formats.Contains(format))
            {
                errors.Add(new FieldError("format", "field.format", ("formats", string.Join(", ", Naming.Formats))));
            }

            var onlyRootDisk = OptionalBool(root, "onlyRootDisk", errors);
            var dryRun = OptionalBool(root, "dryRun", errors);

            var roleName = OptionalString(root, "roleName", errors) ?? settings.RoleName;
            if (!Naming.RoleName().IsMatch(roleName))
            {
                errors.Add(new FieldError("roleName", "field.roleName"));
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            return (new ExportRequest
            {
                ImageIds = imageIds!,
                Bucket = bucket!,
                Prefix = prefix,
                Format = format,
                OnlyRootDisk = onlyRootDisk,
                DryRun = dryRun,
                RoleName = roleName,
            }, []);
        }
    }

    private static List<string>? ImageIds(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("imageIds", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError("imageIds", "field.imageIds.required"));
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("imageIds", "field.imageIds.array"));
            return null;
        }
        var count = value.GetArrayLength();
        if (count is 0 or > Naming.MaxImageIds)
        {
            errors.Add(new FieldError("imageIds", "field.imageIds.count", ("max", Naming.MaxImageIds.ToString(CultureInfo.InvariantCulture)), ("count", count.ToString(CultureInfo.InvariantCulture))));
            return null;
        }
        var ids = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"imageIds[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError(field, "field.string"));
                continue;
            }
            var id = item.GetString()!;
            if (!Naming.ImageId().IsMatch(id))
            {
                errors.Add(new FieldError(field, "field.imageId.shape", ("value", JsonFields.Shorten(id))));
            }
            else if (ids.Contains(id))
            {
                errors.Add(new FieldError(field, "field.imageId.twice", ("imageId", id)));
            }
            else
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private static string? OptionalString(JsonElement root, string name, List<FieldError> errors) =>
        JsonFields.OptionalString(root, name, errors, () => new FieldError(name, "field.string"));

    private static bool OptionalBool(JsonElement root, string name, List<FieldError> errors) =>
        JsonFields.OptionalBool(root, name, errors, () => new FieldError(name, "field.boolean"));
}
