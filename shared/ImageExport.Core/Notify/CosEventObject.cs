using ImageExport.Scf.Events;

namespace ImageExport.Core.Notify;

/// <summary>The bucket and object key one COS trigger record is about.</summary>
internal sealed record CosEventObject(string Bucket, string Key, long Size)
{
    /// <summary>
    /// Reads a record: <c>cosObject.key</c> is <c>/&lt;appid&gt;/&lt;name&gt;/&lt;object key&gt;</c>; the bucket is <c>&lt;name&gt;-&lt;appid&gt;</c>.
    /// Whether Tencent URL-encodes the key is undocumented, so it is decoded only when it holds a <c>%</c>.
    /// </summary>
    /// <exception cref="FormatException">The record lacks the bucket or key, or the key has another shape.</exception>
    public static CosEventObject From(CosEventRecord record)
    {
        var name = record.Cos?.CosBucket?.Name;
        var appId = record.Cos?.CosBucket?.AppId;
        var rawKey = record.Cos?.CosObject?.Key;
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(appId)) throw new FormatException("the record has no cos.cosBucket name and appid");
        if (string.IsNullOrEmpty(rawKey)) throw new FormatException("the record has no cos.cosObject.key");

        var expected = $"/{appId}/{name}/";
        string key;
        if (rawKey.StartsWith(expected, StringComparison.Ordinal))
        {
            key = rawKey[expected.Length..];
        }
        else
        {
            var parts = rawKey.TrimStart('/').Split('/', 3);
            key = parts.Length == 3 ? parts[2] : throw new FormatException($"cos.cosObject.key '{rawKey}' is not /<appid>/<bucket>/<object key>");
        }
        if (key.Contains('%', StringComparison.Ordinal))
        {
            key = Uri.UnescapeDataString(key);
        }
        if (key.Length == 0) throw new FormatException($"cos.cosObject.key '{rawKey}' names no object");

        var bucket = name.EndsWith("-" + appId, StringComparison.Ordinal) ? name : $"{name}-{appId}";
        return new CosEventObject(bucket, key, record.Cos!.CosObject!.Size);
    }
}
