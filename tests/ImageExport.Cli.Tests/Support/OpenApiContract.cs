using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ImageExport.Cli.Tests.Support;

/// <summary>
/// The OpenAPI document as the start function serves it (GET /openapi.json), and the check of an answer against the
/// schema the document gives for its route, method and status. The document's schemas are JSON Schema 2020-12
/// (OpenAPI 3.1), checked here with JsonSchema.Net.
/// </summary>
internal sealed class OpenApiContract
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static int _builds;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(JsonObject document)
    {
        Document = document;
    }

    public JsonObject Document { get; }

    public JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    /// <summary>The path template of the document that <paramref name="path"/> (no query) matches.</summary>
    public string Template(string path)
    {
        foreach (var (template, _) in Document["paths"]!.AsObject())
        {
            var t = template.Split('/');
            var p = path.Split('/');
            if (t.Length == p.Length && t.Zip(p).All(x => x.First.StartsWith('{') || x.First == x.Second))
            {
                return template;
            }
        }
        throw new Xunit.Sdk.XunitException($"the OpenAPI document has no path for {path}");
    }

    /// <summary>Null when the answer matches the document; otherwise every mismatch, one per line.</summary>
    public string? Check(string method, string pathAndQuery, int status, string body)
    {
        var path = pathAndQuery.Split('?')[0];
        var template = Template(path);
        var operation = Document["paths"]![template]![method.ToLowerInvariant()]
            ?? throw new Xunit.Sdk.XunitException($"the OpenAPI document has no {method} {template}");
        var response = operation["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            return $"{method} {template}: status {status} is not documented (answer: {body})";
        }

        response = Resolve(response);
        var schema = response["content"]?["application/json"]?["schema"];
        if (schema is null)
        {
            return $"{method} {template} {status}: the document gives no application/json schema";
        }

        var key = schema.ToJsonString();
        var compiled = _schemas.GetOrAdd(key, _ => Build(schema));
        using var instance = JsonDocument.Parse(body);
        var result = compiled.Evaluate(instance.RootElement, Evaluation);
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
        return $"{method} {pathAndQuery} {status} does not match the document:\n{string.Join("\n", errors)}\nanswer: {body}";
    }

    /// <summary>A schema of the document as a standalone 2020-12 schema: the component schemas become its $defs.</summary>
    public JsonSchema Build(JsonNode schema)
    {
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Schemas.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var id = new Uri($"https://imageexport.test/contract/{Interlocked.Increment(ref _builds)}");
        return JsonSchema.FromText(text, baseUri: id);
    }

    private JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"] is { } reference)
        {
            var pointer = ((string)reference!).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries);
            node = pointer.Aggregate((JsonNode)Document, (current, part) => current[part.Replace("~1", "/").Replace("~0", "~")]!);
        }
        return node;
    }
}
