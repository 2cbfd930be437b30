using System.Globalization;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>GET Service, HEAD Bucket, PUT Bucket and GET Bucket (list objects).</summary>
internal sealed class CosBucketHandlers(CosStorage storage, string appId, string region)
{
    public const int MaxKeys = 1000;

    public Task HeadBucketAsync(CosCall call)
    {
        var bucket = storage.GetBucket(call.Bucket);
        call.Response.StatusCode = 200;
        call.Response.Headers["x-cos-bucket-region"] = bucket.Settings.Region;
        return Task.CompletedTask;
    }

    /// <summary>Path-style addresses carry no region, so a bucket created here is in the emulator's region.</summary>
    public Task CreateBucketAsync(CosCall call)
    {
        if (!CosStorage.IsValidBucketName(call.Bucket))
        {
            throw new CosErrorException(400, "InvalidBucketName",
                "The specified bucket name is not valid: use <name>-<appid> with lower-case letters, digits and dashes.");
        }

        if (CosEventFactory.SplitBucketName(call.Bucket, appId).AppId != appId)
        {
            throw CosErrorException.AccessDenied($"The bucket's APPID is not this account's ({appId}).");
        }

        storage.CreateBucket(call.Bucket, region, [EmulatorOptions.DefaultRole]);
        call.Response.StatusCode = 200;
        call.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    public Task ListBucketsAsync(CosCall call) =>
        CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("ListAllMyBucketsResult");
            w.Owner("Owner", appId);
            w.WriteStartElement("Buckets");
            foreach (var bucket in storage.Buckets)
            {
                w.WriteStartElement("Bucket");
                w.Element("Name", bucket.Name);
                w.Element("Location", bucket.Settings.Region);
                w.Element("CreationDate", bucket.Settings.CreatedAt);
                w.Element("BucketType", "cos");
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });

    public Task ListObjectsAsync(CosCall call)
    {
        var prefix = call.Query("prefix") ?? "";
        var marker = call.Query("marker") ?? "";
        var delimiter = call.Query("delimiter") ?? "";
        var encodingType = call.Query("encoding-type");
        var maxKeys = MaxKeys;
        var maxKeysText = call.Query("max-keys");
        if (maxKeysText is not null && (!int.TryParse(maxKeysText, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys)))
        {
            throw CosErrorException.InvalidArgument("max-keys must be a non-negative integer.");
        }

        // Like S3, a larger max-keys is not an error; the page is simply capped.
        maxKeys = Math.Min(maxKeys, MaxKeys);
        var urlEncoded = string.Equals(encodingType, "url", StringComparison.OrdinalIgnoreCase);
        string Encode(string value) => urlEncoded ? Uri.EscapeDataString(value) : value;

        var listing = storage.List(call.Bucket, prefix, marker, maxKeys, delimiter);
        return CosXml.WriteAsync(call.Response, 200, w =>
        {
            w.WriteStartElement("ListBucketResult");
            w.Element("Name", call.Bucket);
            if (urlEncoded)
            {
                w.Element("EncodingType", "url");
            }

            w.Element("Prefix", Encode(prefix));
            w.Element("Marker", Encode(marker));
            w.Element("MaxKeys", maxKeys);
            if (delimiter.Length > 0)
            {
                w.Element("Delimiter", Encode(delimiter));
            }

            w.Element("IsTruncated", listing.IsTruncated);
            if (listing.NextMarker is not null)
            {
                w.Element("NextMarker", Encode(listing.NextMarker));
            }

            foreach (var commonPrefix in listing.CommonPrefixes)
            {
                w.WriteStartElement("CommonPrefixes");
                w.Element("Prefix", Encode(commonPrefix));
                w.WriteEndElement();
            }

            foreach (var stored in listing.Contents)
            {
                w.WriteStartElement("Contents");
                w.Element("Key", Encode(stored.Key));
                w.Element("LastModified", stored.LastModified);
                w.Element("ETag", CosXml.Quoted(stored.ETag));
                w.Element("Size", stored.Size);
                w.Owner("Owner", appId);
                w.Element("StorageClass", stored.StorageClass);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
    }
}
