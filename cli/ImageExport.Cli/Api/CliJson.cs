using System.Text.Json.Serialization;

namespace ImageExport.Cli.Api;

/// <summary>Every body the client reads or writes, through source generation (Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    WriteIndented = false)]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(DryRunResult))]
[JsonSerializable(typeof(Catalog))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(ExportRequest))]
[JsonSerializable(typeof(Configuration.ConfigFile))]
internal sealed partial class CliJson : JsonSerializerContext;
