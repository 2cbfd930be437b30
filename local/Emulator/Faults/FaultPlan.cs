using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ImageExport.Local.Emulator.Faults;

/// <summary>
/// The faults the emulator injects (<c>--faults FILE</c>, or built in a test): a rule per CVM action and per COS
/// operation (<c>"*"</c> for every other one), what happens to COS trigger events, and the seed of the one random source,
/// so a run can be repeated (exactly when requests arrive in the same order; concurrent runs stay close).
/// </summary>
internal sealed record FaultPlan
{
    public int Seed { get; init; } = 1;

    /// <summary>By action name (<c>DescribeImages</c>, <c>ExportImages</c>) or <c>*</c>.</summary>
    public IReadOnlyDictionary<string, FaultRule> Cvm { get; init; } = new Dictionary<string, FaultRule>();

    /// <summary>By operation (<see cref="CosOperations"/>: <c>PutObject</c>, <c>GetObject</c>, <c>GetBucket</c>…) or <c>*</c>.</summary>
    public IReadOnlyDictionary<string, FaultRule> Cos { get; init; } = new Dictionary<string, FaultRule>();

    public CosEventFaults CosEvents { get; init; } = CosEventFaults.None;

    public ExportFaults Exports { get; init; } = ExportFaults.None;

    /// <summary>
    /// COS operations refused with <c>403 AccessDenied</c> every time, as for a role without that permission:
    /// <c>DeleteMultipleObjects</c> refuses the whole request; <c>DeleteObject</c> refuses DELETE Object and every key of a
    /// DELETE Multiple Objects (COS checks <c>cos:DeleteObject</c> per key, tencentcloud.com/document/product/436/8289).
    /// </summary>
    public IReadOnlySet<string> Deny { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public FaultRule CvmRule(string action) => Cvm.GetValueOrDefault(action) ?? Cvm.GetValueOrDefault("*") ?? FaultRule.None;

    public FaultRule CosRule(string operation) => Cos.GetValueOrDefault(operation) ?? Cos.GetValueOrDefault("*") ?? FaultRule.None;

    /// <exception cref="FormatException">The file is missing, not JSON, or names something unknown (the message says what).</exception>
    public static FaultPlan ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"--faults: {path} does not exist");
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"--faults: {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// <c>{"seed":7,"cvm":{"*":{"throttle":0.3}},"cos":{"PutObject":{"lostAnswer":0.05}},"cosEvents":{"copies":3,"drop":0.5},"deny":["DeleteMultipleObjects"]}</c>;
    /// unknown fields are refused, so a misspelt fault is not silently off.
    /// </summary>
    public static FaultPlan Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("the plan must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON: {e.Message}", e);
        }

        var plan = new FaultPlan();
        foreach (var (name, value) in root)
        {
            plan = name switch
            {
                "seed" => plan with { Seed = (int)Number(value, "seed") },
                "cvm" => plan with { Cvm = Rules(value, "cvm") },
                "cos" => plan with { Cos = Rules(value, "cos") },
                "cosEvents" => plan with { CosEvents = Events(value) },
                "exports" => plan with { Exports = ExportFaultsOf(value) },
                "deny" => plan with { Deny = DenyOf(value) },
                _ => throw new FormatException($"unknown field '{name}' (seed, cvm, cos, cosEvents, exports, deny)"),
            };
        }

        return plan;
    }

    private static Dictionary<string, FaultRule> Rules(JsonNode? node, string where)
    {
        var rules = new Dictionary<string, FaultRule>(StringComparer.Ordinal);
        foreach (var (operation, value) in Object(node, where))
        {
            var at = $"{where}.{operation}";
            var rule = new FaultRule();
            foreach (var (name, field) in Object(value, at))
            {
                rule = name switch
                {
                    "throttle" => rule with { Throttle = Number(field, $"{at}.{name}") },
                    "internalError" => rule with { InternalError = Number(field, $"{at}.{name}") },
                    "timeout" => rule with { Timeout = Number(field, $"{at}.{name}") },
                    "lostAnswer" => rule with { LostAnswer = Number(field, $"{at}.{name}") },
                    "latency" => rule with { Latency = Number(field, $"{at}.{name}") },
                    "latencyMs" => rule with { LatencyMs = (int)Number(field, $"{at}.{name}") },
                    _ => throw new FormatException($"{at}: unknown field '{name}' (throttle, internalError, timeout, lostAnswer, latency, latencyMs)"),
                };
            }

            rule.Validate(at);
            rules[operation] = rule;
        }

        return rules;
    }

    private static CosEventFaults Events(JsonNode? node)
    {
        var faults = new CosEventFaults();
        foreach (var (name, field) in Object(node, "cosEvents"))
        {
            var at = $"cosEvents.{name}";
            faults = name switch
            {
                "copies" => faults with { Copies = (int)Number(field, at) },
                "drop" => faults with { Drop = Number(field, at) },
                "delay" => faults with { Delay = Number(field, at) },
                "delayMs" => faults with { DelayMs = (int)Number(field, at) },
                "reorder" => faults with { Reorder = Number(field, at) },
                _ => throw new FormatException($"cosEvents: unknown field '{name}' (copies, drop, delay, delayMs, reorder)"),
            };
        }

        faults.Validate();
        return faults;
    }

    private static ExportFaults ExportFaultsOf(JsonNode? node)
    {
        var faults = new ExportFaults();
        foreach (var (name, field) in Object(node, "exports"))
        {
            var at = $"exports.{name}";
            faults = name switch
            {
                "stallAt" => faults with { StallAt = Number(field, at) },
                "stallSeconds" => faults with { StallSeconds = Number(field, at) },
                "abortAt" => faults with { AbortAt = Number(field, at) },
                _ => throw new FormatException($"exports: unknown field '{name}' (stallAt, stallSeconds, abortAt)"),
            };
        }

        faults.Validate();
        return faults;
    }

    private static HashSet<string> DenyOf(JsonNode? node)
    {
        if (node is not JsonArray operations)
        {
            throw new FormatException("deny must be an array of COS operation names");
        }

        var denied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            var name = operation is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (name is null || !CosOperations.Deniable.Contains(name))
            {
                throw new FormatException($"deny: '{operation?.ToJsonString()}' is not one of {string.Join(", ", CosOperations.Deniable)}");
            }

            denied.Add(name);
        }

        return denied;
    }

    private static JsonObject Object(JsonNode? node, string where) =>
        node as JsonObject ?? throw new FormatException($"{where} must be an object");

    private static double Number(JsonNode? node, string where) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) && double.IsFinite(number)
            ? number
            : throw new FormatException($"{where} must be a number, not {node?.ToJsonString() ?? "null"}");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"FaultPlan {{ Seed = {Seed}, Cvm = [{string.Join(", ", Cvm.Keys)}], Cos = [{string.Join(", ", Cos.Keys)}], CosEvents = {CosEvents}, Exports = {Exports}, Deny = [{string.Join(", ", Deny)}] }}");
}
