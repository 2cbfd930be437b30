using System.Text.Json;
using ImageExport.Scf.Events;

namespace ImageExport.Local.Emulator.Cos;

/// <summary>Builds COS trigger events the way Tencent documents them (<c>fixtures/events/cos-object-created.json</c>).</summary>
internal sealed class CosEventFactory(string appId, TimeProvider time, CosEventNames names = CosEventNames.Documented)
{
    /// <summary>The literal pattern Tencent's documented and captured COS events carry as their eventName.</summary>
    public const string DocumentedEventName = "cos:ObjectCreated:*";

    private long _reqId = Random.Shared.NextInt64(100_000_000, 900_000_000);
    private long _events;

    /// <param name="operation">What created the object (<c>cos:ObjectCreated:Put</c>…); triggers filter on it.</param>
    public CosObjectCreated Create(StoredBucket bucket, StoredObject stored, string operation, CosRequestOrigin origin)
    {
        var eventName = names switch
        {
            CosEventNames.Operation => operation,
            CosEventNames.Mixed when Interlocked.Increment(ref _events) % 2 == 0 => operation,
            _ => DocumentedEventName,
        };
        var (shortName, bucketAppId) = SplitBucketName(bucket.Name, appId);
        var region = RegionCodes.ShortCode(bucket.Region);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-cos-request-id"] = origin.RequestId,
            ["Content-Type"] = stored.ContentType ?? "",
        };
        foreach (var (name, value) in stored.Meta)
        {
            meta[name] = value;
        }

        var cosEvent = new CosEvent
        {
            Records =
            [
                new CosEventRecord
                {
                    Cos = new CosEventCos
                    {
                        CosSchemaVersion = "1.0",
                        CosObject = new CosEventObject
                        {
                            // The real host, not the emulator's: consumers must cope with Tencent's events, not ours.
                            Url = $"http://{bucket.Name}.cos.{bucket.Region}.myqcloud.com/{EncodeKey(stored.Key)}",
                            Meta = meta,
                            Vid = "",
                            Key = $"/{bucketAppId}/{shortName}/{stored.Key}",
                            Size = stored.Size,
                        },
                        CosBucket = new CosEventBucket { Region = region, Name = shortName, AppId = bucketAppId },
                        // Spelled as in Tencent's published example.
                        CosNotificationId = "unkown",
                    },
                    Event = new CosEventEvent
                    {
                        EventName = eventName,
                        EventVersion = "1.0",
                        EventTime = time.GetUtcNow().ToUnixTimeSeconds(),
                        EventSource = "qcs::cos",
                        RequestParameters = new CosEventRequestParameters
                        {
                            RequestSourceIp = origin.SourceIp,
                            RequestHeaders = new Dictionary<string, string>(StringComparer.Ordinal) { ["Authorization"] = origin.Authorization ?? "" },
                        },
                        EventQueue = $"qcs:0:scf:{region}:appid/{bucketAppId}:default.emulator.$LATEST",
                        ReservedInfo = "",
                        ReqId = Interlocked.Increment(ref _reqId),
                    },
                },
            ],
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(cosEvent, ScfEventsJsonContext.Default.CosEvent);
        return new CosObjectCreated(bucket.Name, stored.Key, operation, stored.Size, cosEvent, json);
    }

    /// <summary><c>name-1250000000</c> → (<c>name</c>, <c>1250000000</c>); a name without an APPID suffix keeps the account's.</summary>
    public static (string ShortName, string AppId) SplitBucketName(string bucket, string accountAppId)
    {
        var dash = bucket.LastIndexOf('-');
        return dash > 0 && dash < bucket.Length - 1 && !bucket.AsSpan(dash + 1).ContainsAnyExceptInRange('0', '9')
            ? (bucket[..dash], bucket[(dash + 1)..])
            : (bucket, accountAppId);
    }

    private static string EncodeKey(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}

