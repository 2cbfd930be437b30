using System.Text.Json;
using System.Text.Json.Serialization;
using ImageExport.Local.Stack.Serverless;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// <c>--describe-wiring FILE</c>: what the stack read (from serverless.yml or from the deployed records), before it
/// points anything at the emulator, as JSON. The deploy rehearsal compares it with what the deploy library deployed.
/// </summary>
internal static class WiringDescription
{
    /// <param name="apis">The API gateway's released APIs (<c>--wiring deployed</c>); serverless.yml's own reading has none.</param>
    public static void Write(string path, ServerlessDefinition definition, IReadOnlyList<DeployedApi> apis)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var description = new DescribedWiring(
            [.. definition.Functions.Select(f => new DescribedFunction(
                f.Name, f.Handler, f.MemorySizeMb, (int)f.Timeout.TotalSeconds, (int)f.InitTimeout.TotalSeconds,
                f.Environment.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)))],
            [.. definition.HttpTriggers.Select(t => new DescribedHttpTrigger(t.Function, t.AuthType))],
            [.. definition.TimerTriggers.Select(t => new DescribedTimerTrigger(t.Name, t.Function, t.CronExpression, t.Argument, t.Enabled))],
            [.. definition.CosTriggers.Select(t => new DescribedCosTrigger(t.Function, t.BucketDomain, t.Events, t.Prefix, t.Suffix, t.Enabled))],
            [.. apis.Select(a => new DescribedApi(a.ServiceId, a.ServiceName, a.Environment, a.Path, a.Method, a.Function, a.IntegratedResponse))]);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(description, WiringJsonContext.Default.DescribedWiring));
    }
}

internal sealed record DescribedWiring(
    IReadOnlyList<DescribedFunction> Functions, IReadOnlyList<DescribedHttpTrigger> Http, IReadOnlyList<DescribedTimerTrigger> Timers, IReadOnlyList<DescribedCosTrigger> Cos,
    IReadOnlyList<DescribedApi> ApiGateway);

internal sealed record DescribedFunction(
    string Name, string Handler, int MemorySize, int Timeout, int InitTimeout, IReadOnlyDictionary<string, string> Environment);

internal sealed record DescribedHttpTrigger(string Function, string? AuthType);

internal sealed record DescribedTimerTrigger(string Name, string Function, string Cron, string? Argument, bool Enabled);

internal sealed record DescribedCosTrigger(string Function, string BucketDomain, string Events, string Prefix, string Suffix, bool Enabled);

internal sealed record DescribedApi(string ServiceId, string ServiceName, string Environment, string Path, string Method, string Function, bool IntegratedResponse);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DescribedWiring))]
internal sealed partial class WiringJsonContext : JsonSerializerContext;
