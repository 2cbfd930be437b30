using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ImageExport.Cli.Api;
using ImageExport.Cli.Tests.Support;

namespace ImageExport.Cli.Tests.Contract;

/// <summary>
/// The CLI's own client types (cli/ImageExport.Cli/Api) and the document's schemas name the same fields: a field the
/// service documents is not silently dropped by the client, and the client reads no field the document does not promise.
/// </summary>
public sealed class ClientTypesAgreeWithTheDocumentTests
{
    private static readonly JsonObject Schemas = LoadSchemas();

    public static TheoryData<string, string> Answers => new()
    {
        { nameof(Job), "Job" },
        { nameof(JobImage), "JobImage" },
        { nameof(JobFile), "JobFile" },
        { nameof(JobSchedule), "JobSchedule" },
        { nameof(FileProgress), "FileProgress" },
        { nameof(DownloadLink), "DownloadLink" },
        { nameof(NotificationStatus), "NotificationStatus" },
        { nameof(Problem), "Problem" },
        { nameof(JobList), "JobList" },
        { nameof(DryRunResult), "DryRun" },
        { nameof(ImageVerdict), "ImageVerdict" },
        { nameof(Catalog), "Catalog" },
        { nameof(CatalogImage), "CatalogImage" },
        { nameof(CatalogDisk), "Disk" },
        { nameof(ErrorEnvelope), "Error" },
        { nameof(ErrorBody), "ErrorBody" },
        { nameof(Health), "Health" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void AnAnswerTypeHasExactlyTheSchemasPropertiesAndRequiresNoneTheSchemaLeavesOptional(string clientType, string schemaName)
    {
        var type = TypeInfo(clientType);
        var schema = Schemas[schemaName]!.AsObject();
        var documented = schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];

        Assert.Equal(documented, type.Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToList());
        Assert.All(type.Properties.Where(p => p.IsRequired), p => Assert.Contains(p.Name, required));
    }

    [Fact]
    public void TheRequestTheClientSendsUsesOnlyDocumentedFields()
    {
        var documented = Schemas["ExportRequest"]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

        Assert.All(CliJson.Default.ExportRequest.Properties, p => Assert.Contains(p.Name, documented));
    }

    private static JsonTypeInfo TypeInfo(string name) =>
        CliJson.Default.GetTypeInfo(typeof(Job).Assembly.GetType($"ImageExport.Cli.Api.{name}", throwOnError: true)!)
            ?? throw new InvalidOperationException($"{name} is not in CliJson");

    // The source file, converted the way the function converts it (a test in AnswersMatchTheDocumentTests holds the two
    // to the same routes); YAML flow values are JSON, so only the document's block structure needs reading.
    private static JsonObject LoadSchemas()
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(File.ReadAllText(RepositoryFiles.OpenApiYaml)));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var schemas = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["components"])["schemas"];
        var result = new JsonObject();
        foreach (var (name, schema) in schemas.Children)
        {
            var body = (YamlDotNet.RepresentationModel.YamlMappingNode)schema;
            var entry = new JsonObject();
            if (body.Children.TryGetValue("properties", out var properties))
            {
                entry["properties"] = new JsonObject(((YamlDotNet.RepresentationModel.YamlMappingNode)properties).Children.Select(p =>
                    KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)p.Key).Value!, (JsonNode?)new JsonObject())));
            }
            if (body.Children.TryGetValue("required", out var required))
            {
                entry["required"] = new JsonArray([.. ((YamlDotNet.RepresentationModel.YamlSequenceNode)required).Children.Select(r => (JsonNode?)((YamlDotNet.RepresentationModel.YamlScalarNode)r).Value)]);
            }
            result[((YamlDotNet.RepresentationModel.YamlScalarNode)name).Value!] = entry;
        }
        return result;
    }
}
