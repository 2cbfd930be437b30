using System.Text;
using System.Text.Json.Nodes;

namespace ImageExport.Bench;

/// <summary>Events in Tencent's shapes, built from the published fixtures.</summary>
internal sealed class Events(string fixtures)
{
    private readonly string _functionUrl = File.ReadAllText(Path.Combine(fixtures, "function-url-request.json"));
    private readonly string _cos = File.ReadAllText(Path.Combine(fixtures, "cos-object-created.json"));

    public byte[] Timer { get; } = File.ReadAllBytes(Path.Combine(fixtures, "timer.json"));

    /// <summary>A browser opening the web console: <c>GET /</c>, no token.</summary>
    public byte[] ConsolePage => Encoding.UTF8.GetBytes(Request("GET", "/", new JsonObject { ["accept"] = "text/html" }, null).ToJsonString());

    /// <summary>A full valid <c>POST /exports</c> for one image.</summary>
    public byte[] StartExport(string imageId, string bucket)
    {
        var body = new JsonObject { ["imageIds"] = new JsonArray(imageId), ["bucket"] = bucket, ["format"] = "raw" }.ToJsonString();
        var headers = new JsonObject { ["content-type"] = "application/json", ["authorization"] = "Bearer " + Env.Token };
        return Encoding.UTF8.GetBytes(Request("POST", "/exports", headers, body).ToJsonString());
    }

    private JsonObject Request(string method, string path, JsonObject headers, string? body)
    {
        var e = JsonNode.Parse(_functionUrl)!.AsObject();
        e["httpMethod"] = method;
        e["path"] = path;
        e["headers"] = headers;
        e["queryString"] = new JsonObject();
        if (body is null)
        {
            e.Remove("body");
        }
        else
        {
            e["body"] = body;
        }

        return e;
    }

    /// <summary>The COS trigger's event for one created object of <paramref name="bucket"/> (<c>name-appid</c>).</summary>
    public byte[] ObjectCreated(string bucket, string key, long size)
    {
        var root = JsonNode.Parse(_cos)!;
        var record = root["Records"]![0]!;
        var name = bucket[..bucket.LastIndexOf('-')];
        var appId = bucket[(bucket.LastIndexOf('-') + 1)..];
        record["cos"]!["cosBucket"]!["name"] = name;
        record["cos"]!["cosBucket"]!["appid"] = appId;
        record["cos"]!["cosObject"]!["key"] = $"/{appId}/{name}/{key}";
        record["cos"]!["cosObject"]!["size"] = size;
        record["event"]!["eventName"] = "cos:ObjectCreated:CompleteMultipartUpload";
        return Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray(record.DeepClone()) }.ToJsonString());
    }

    /// <summary>The job ID and first file key of a 202 answer of start (an integrated response).</summary>
    public static (string JobId, string Key) Accepted(byte[] answer)
    {
        var response = JsonNode.Parse(answer)!;
        var status = response["statusCode"]!.GetValue<int>();
        var body = JsonNode.Parse(response["body"]!.GetValue<string>())!;
        if (status != 202)
        {
            throw new InvalidOperationException($"start answered {status}: {body.ToJsonString()}");
        }

        var image = body["images"]![0]!;
        var key = image["files"]?[0]?["key"]?.GetValue<string>() ?? image["cosPaths"]![0]!.GetValue<string>().TrimStart('/');
        return (body["jobId"]!.GetValue<string>(), key);
    }
}
