using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ImageExport.Local.Stack.Serverless;

/// <summary>
/// Reads the multi-scf <c>serverless.yml</c> the project deploys with: <c>inputs.environments</c> (a key/value list),
/// <c>inputs.functions.&lt;name&gt;</c> with inputs-level defaults for memory and timeouts, and <c>inputs.triggers</c>
/// (<c>http</c>, <c>timer</c>, <c>cos</c>). Anything malformed is a <see cref="FormatException"/> naming the field.
/// </summary>
internal static class ServerlessYaml
{
    // SCF's own defaults when neither the function nor inputs say (docs/reference/scf.md §6).
    private const int DefaultMemorySizeMb = 128;
    private const int DefaultTimeoutSeconds = 3;
    private const int DefaultInitTimeoutSeconds = 3;

    public static ServerlessDefinition ReadFile(string path, EnvReferences env)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FormatException($"{path} does not exist");
        }

        try
        {
            return Read(File.ReadAllText(path), env);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public static ServerlessDefinition Read(string yaml, EnvReferences env)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(env);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"not valid YAML (line {e.Start.Line}): {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("expected a mapping at the top level");
        }

        var reader = new YamlFields(env);
        var inputs = reader.Mapping(root, "inputs", "inputs") ?? throw new FormatException("inputs is missing");
        var notes = new List<string>();
        var component = reader.Scalar(root, "component", "component");
        if (component is not null && component != "multi-scf")
        {
            notes.Add($"component is '{component}'; read as multi-scf");
        }

        var environment = reader.Environments(inputs, "inputs.environments");
        var memory = reader.Int(inputs, "memorySize", "inputs.memorySize") ?? DefaultMemorySizeMb;
        var timeout = reader.Int(inputs, "timeout", "inputs.timeout") ?? DefaultTimeoutSeconds;
        var initTimeout = reader.Int(inputs, "initTimeout", "inputs.initTimeout") ?? DefaultInitTimeoutSeconds;

        var functionsNode = reader.Mapping(inputs, "functions", "inputs.functions") ?? throw new FormatException("inputs.functions is missing");
        var functions = new List<ServerlessFunction>();
        foreach (var (keyNode, valueNode) in functionsNode.Children)
        {
            var name = ((YamlScalarNode)keyNode).Value ?? "";
            var where = $"inputs.functions.{name}";
            if (valueNode is not YamlMappingNode function)
            {
                throw new FormatException($"{where} must be a mapping");
            }

            var handler = reader.Scalar(function, "handler", where + ".handler");
            if (string.IsNullOrWhiteSpace(handler))
            {
                throw new FormatException($"{where}.handler is missing");
            }

            var own = reader.Environments(function, where + ".environments");
            functions.Add(new ServerlessFunction(
                name,
                handler.Trim(),
                reader.Int(function, "memorySize", where + ".memorySize") ?? memory,
                TimeSpan.FromSeconds(reader.Int(function, "timeout", where + ".timeout") ?? timeout),
                TimeSpan.FromSeconds(reader.Int(function, "initTimeout", where + ".initTimeout") ?? initTimeout),
                Merge(environment, own)));
        }

        var http = new List<HttpTriggerSpec>();
        var timers = new List<TimerTriggerSpec>();
        var cos = new List<CosTriggerSpec>();
        var triggers = inputs.Children.TryGetValue(new YamlScalarNode("triggers"), out var triggersNode) ? triggersNode as YamlSequenceNode : null;
        var index = 0;
        foreach (var node in triggers?.Children ?? [])
        {
            var where = $"inputs.triggers[{index++}]";
            if (node is not YamlMappingNode trigger)
            {
                throw new FormatException($"{where} must be a mapping");
            }

            var type = reader.Scalar(trigger, "type", where + ".type") ?? throw new FormatException($"{where}.type is missing");
            var parameters = reader.Mapping(trigger, "parameters", where + ".parameters") ?? new YamlMappingNode();
            if (type == "apigw")
            {
                // multi-scf binds each API to the function it names (docs/reference/deploy.md §4), not the trigger's.
                foreach (var api in ApiGatewayFunctions(reader, parameters, where + ".parameters.apis", functions))
                {
                    http.Add(new HttpTriggerSpec(api, "apigw"));
                }

                notes.Add($"{where}: the API gateway is not emulated; its function is served at the Function URL gateway (the handler takes both events)");
                continue;
            }

            var function = reader.Scalar(trigger, "function", where + ".function") ?? throw new FormatException($"{where}.function is missing");
            if (functions.All(f => f.Name != function))
            {
                throw new FormatException($"{where}.function '{function}' is not under inputs.functions");
            }

            switch (type)
            {
                case "http":
                    http.Add(new HttpTriggerSpec(function, reader.Scalar(parameters, "authType", where + ".parameters.authType")));
                    break;
                case "timer":
                    timers.Add(new TimerTriggerSpec(
                        reader.Scalar(parameters, "name", where + ".parameters.name") ?? $"timer-{function}",
                        function,
                        reader.Scalar(parameters, "cronExpression", where + ".parameters.cronExpression")
                            ?? throw new FormatException($"{where}.parameters.cronExpression is missing"),
                        reader.Scalar(parameters, "argument", where + ".parameters.argument"),
                        reader.Enabled(parameters, where + ".parameters.enable")));
                    break;
                case "cos":
                    var filter = reader.Mapping(parameters, "filter", where + ".parameters.filter");
                    cos.Add(new CosTriggerSpec(
                        reader.Scalar(parameters, "name", where + ".parameters.name") ?? $"cos-{function}-{index}",
                        function,
                        reader.Scalar(parameters, "bucket", where + ".parameters.bucket")
                            ?? throw new FormatException($"{where}.parameters.bucket is missing"),
                        reader.Events(parameters, where + ".parameters.events"),
                        filter is null ? "" : reader.Scalar(filter, "prefix", where + ".parameters.filter.prefix") ?? "",
                        filter is null ? "" : reader.Scalar(filter, "suffix", where + ".parameters.filter.suffix") ?? "",
                        reader.Enabled(parameters, where + ".parameters.enable")));
                    break;
                default:
                    notes.Add($"{where}: trigger type '{type}' is not emulated");
                    break;
            }
        }

        var source = reader.Mapping(inputs, "src", "inputs.src") is { } src
            ? reader.Scalar(src, "src", "inputs.src.src")
            : reader.Scalar(inputs, "src", "inputs.src");
        Triggers.CosTriggerOverlap.ThrowIfAny(cos);
        return new ServerlessDefinition(reader.Scalar(inputs, "region", "inputs.region"), source, environment, functions, http, timers, cos, notes);
    }

    /// <summary>The functions an <c>apigw</c> trigger's <c>apis</c> name, each entry needing its own <c>function</c>.</summary>
    private static IEnumerable<string> ApiGatewayFunctions(YamlFields reader, YamlMappingNode parameters, string where, List<ServerlessFunction> functions)
    {
        if (!parameters.Children.TryGetValue(new YamlScalarNode("apis"), out var node) || node is not YamlSequenceNode { Children.Count: > 0 } apis)
        {
            throw new FormatException($"{where} must list at least one api");
        }

        var names = new List<string>();
        for (var i = 0; i < apis.Children.Count; i++)
        {
            var at = $"{where}[{i}]";
            var api = apis.Children[i] as YamlMappingNode ?? throw new FormatException($"{at} must be a mapping");
            var function = reader.Scalar(api, "function", at + ".function")
                ?? throw new FormatException($"{at}.function is missing: multi-scf binds each api to the function it names");
            if (functions.All(f => f.Name != function))
            {
                throw new FormatException($"{at}.function '{function}' is not under inputs.functions");
            }

            if (!names.Contains(function))
            {
                names.Add(function);
            }
        }

        return names;
    }

    private static List<KeyValuePair<string, string>> Merge(List<KeyValuePair<string, string>> shared, List<KeyValuePair<string, string>> own)
    {
        var merged = shared.Where(pair => own.All(o => o.Key != pair.Key)).ToList();
        merged.AddRange(own);
        return merged;
    }
}
