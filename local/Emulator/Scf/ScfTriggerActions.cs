using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Scf.Events;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// SCF 2018-04-16 trigger actions for the three types serverless.yml uses (docs/reference/deploy.md §4): ListTriggers (with
/// <c>Filters</c>), CreateTrigger, UpdateTrigger (Function URL) and DeleteTrigger (COS triggers on one bucket share
/// their name and are told apart by <c>TriggerDesc</c>).
/// </summary>
internal sealed partial class ScfTriggerActions(DeployedFunctions functions, CosStorage cos, string region, TimeProvider time)
{
    private static readonly string[] Types = ["timer", "cos", "http"];

    public JsonObject ListTriggers(FormParameters form)
    {
        var (ns, name) = ScfFunctionActions.Names(form);
        var function = functions.Find(ns, name) ?? throw ScfFunctionActions.NotFound(name);
        IEnumerable<DeployedTrigger> triggers = function.Triggers;
        for (var i = 0; i < form.Count("Filters"); i++)
        {
            var field = form.Get($"Filters.{i}.Name") ?? throw ScfApiException.Missing($"Filters.{i}.Name");
            var allowed = Enumerable.Range(0, form.Count($"Filters.{i}.Values")).Select(j => form.Get($"Filters.{i}.Values.{j}") ?? "").ToHashSet(StringComparer.Ordinal);
            Func<DeployedTrigger, string> value = field switch
            {
                "Type" => t => t.Type,
                "Qualifier" => t => t.Qualifier,
                "TriggerName" => t => t.TriggerName,
                _ => throw new ScfApiException("InvalidParameterValue.Filters", $"Filters.{i}.Name '{field}' is not emulated (Type, Qualifier, TriggerName)."),
            };
            triggers = triggers.Where(t => allowed.Contains(value(t)));
        }

        var matching = triggers.ToList();
        var offset = Math.Max(0, form.Int("Offset") ?? 0);
        var limit = Math.Clamp(form.Int("Limit") ?? 20, 1, 1000);
        var list = new JsonArray();
        foreach (var trigger in matching.Skip(offset).Take(limit))
        {
            list.Add(Listed(trigger));
        }

        return new JsonObject { ["Triggers"] = list, ["TotalCount"] = matching.Count };
    }

    public JsonObject CreateTrigger(FormParameters form)
    {
        var (ns, name) = ScfFunctionActions.Names(form);
        var type = Type(form);
        var triggerName = form.Required("TriggerName");
        var qualifier = form.Get("Qualifier") is { Length: > 0 } q ? q : "$DEFAULT";
        var desc = Description(type, triggerName, form.Get("TriggerDesc") ?? "");
        var now = Now();
        var trigger = new DeployedTrigger
        {
            Type = type,
            TriggerName = triggerName,
            TriggerDesc = desc,
            Enable = Enabled(form),
            Qualifier = qualifier,
            CustomArgument = form.Get("CustomArgument") is { Length: > 0 } argument ? argument : null,
            AddTime = now,
            ModTime = now,
        };
        functions.Update(ns, name, existing =>
        {
            var function = existing ?? throw ScfFunctionActions.NotFound(name);
            var clash = function.Triggers.FirstOrDefault(t => t.Type == type && (type switch
            {
                "http" => t.Qualifier == qualifier,
                "cos" => t.TriggerName == triggerName && SameDesc(t.TriggerDesc, desc),
                _ => t.TriggerName == triggerName,
            }));
            if (clash is not null)
            {
                throw new ScfApiException("ResourceInUse.Trigger", $"The function already has this {type} trigger ({clash.TriggerName}).");
            }

            return function with { Triggers = [.. function.Triggers, trigger] };
        });
        functions.Record(new ScfCallRecord("CreateTrigger", name, type, triggerName, desc));
        return new JsonObject { ["TriggerInfo"] = Created(trigger) };
    }

    public JsonObject UpdateTrigger(FormParameters form)
    {
        var (ns, name) = ScfFunctionActions.Names(form);
        var type = Type(form);
        var triggerName = form.Required("TriggerName");
        var qualifier = form.Get("Qualifier") is { Length: > 0 } q ? q : "$DEFAULT";
        var desc = form.Get("TriggerDesc") is { Length: > 0 } sent ? Description(type, triggerName, sent) : null;
        functions.Update(ns, name, existing =>
        {
            var function = existing ?? throw ScfFunctionActions.NotFound(name);
            var index = function.Triggers.FindIndex(t => t.Type == type && t.TriggerName == triggerName && t.Qualifier == qualifier);
            if (index < 0)
            {
                throw new ScfApiException("ResourceNotFound.Trigger", $"The function has no {type} trigger {triggerName} on {qualifier}.");
            }

            var triggers = function.Triggers.ToList();
            triggers[index] = triggers[index] with
            {
                TriggerDesc = desc ?? triggers[index].TriggerDesc,
                Enable = form.Get("Enable") is null ? triggers[index].Enable : Enabled(form),
                ModTime = Now(),
            };
            return function with { Triggers = triggers };
        });
        functions.Record(new ScfCallRecord("UpdateTrigger", name, type, triggerName, desc));
        return [];
    }

    public JsonObject DeleteTrigger(FormParameters form)
    {
        var (ns, name) = ScfFunctionActions.Names(form);
        var type = Type(form);
        var triggerName = form.Required("TriggerName");
        var desc = form.Get("TriggerDesc");
        if (type == "cos" && string.IsNullOrEmpty(desc))
        {
            // Several COS triggers on one bucket share the name; only the description says which one goes.
            throw ScfApiException.Missing("TriggerDesc");
        }

        functions.Update(ns, name, existing =>
        {
            var function = existing ?? throw ScfFunctionActions.NotFound(name);
            var index = function.Triggers.FindIndex(t => t.Type == type && t.TriggerName == triggerName && (type != "cos" || SameDesc(t.TriggerDesc, desc!)));
            if (index < 0)
            {
                throw new ScfApiException("ResourceNotFound.Trigger", $"The function has no {type} trigger {triggerName} like that.");
            }

            var triggers = function.Triggers.ToList();
            triggers.RemoveAt(index);
            return function with { Triggers = triggers };
        });
        functions.Record(new ScfCallRecord("DeleteTrigger", name, type, triggerName, desc));
        return [];
    }

    private static string Type(FormParameters form)
    {
        var type = form.Required("Type");
        return Types.Contains(type)
            ? type
            : throw new ScfApiException("InvalidParameterValue.Type", $"Trigger type '{type}' is not emulated ({string.Join(", ", Types)}).");
    }

    // SCF's default for Enable is not stated; the deploy library always sends it.
    private static bool Enabled(FormParameters form) =>
        form.Get("Enable") switch
        {
            null or "" or "OPEN" => true,
            "CLOSE" => false,
            var other => throw new ScfApiException("InvalidParameterValue.Enable", $"Enable '{other}': OPEN or CLOSE."),
        };

    /// <summary>Checks the type's description and returns it as SCF stores it (a timer's cron wrapped as <c>{"cron":…}</c>).</summary>
    private string Description(string type, string triggerName, string desc)
    {
        switch (type)
        {
            case "timer":
                var cron = desc.TrimStart().StartsWith('{') ? Json(desc, "TriggerDesc")["cron"]?.GetValue<string>() ?? "" : desc;
                try
                {
                    _ = ScfCron.Parse(cron);
                }
                catch (FormatException e)
                {
                    throw new ScfApiException("InvalidParameterValue.TriggerDesc", $"TriggerDesc '{cron}' is not a 7-field cron: {e.Message}");
                }

                return new JsonObject { ["cron"] = cron }.ToJsonString();
            case "cos":
                var domain = CosDomain().Match(triggerName);
                if (!domain.Success)
                {
                    throw new ScfApiException("InvalidParameterValue.TriggerName", $"TriggerName '{triggerName}' is not a bucket's XML API domain (<name>-<appid>.cos.<region>.myqcloud.com).");
                }

                if (domain.Groups["region"].Value != region)
                {
                    throw new ScfApiException("InvalidParameterValue.TriggerName", $"The bucket is in {domain.Groups["region"].Value}; a COS trigger must be in the function's region ({region}).");
                }

                if (cos.FindBucket(domain.Groups["bucket"].Value) is null)
                {
                    throw new ScfApiException("ResourceNotFound.Cos", $"The bucket {domain.Groups["bucket"].Value} does not exist.");
                }

                var cosDesc = Json(desc, "TriggerDesc");
                if (cosDesc["event"]?.GetValueKind() != JsonValueKind.String || !cosDesc["event"]!.GetValue<string>().StartsWith("cos:", StringComparison.Ordinal))
                {
                    throw new ScfApiException("InvalidParameterValue.TriggerDesc", "TriggerDesc.event must be a COS event such as cos:ObjectCreated:*.");
                }

                return desc;
            default:
                var http = Json(desc, "TriggerDesc");
                if (http["AuthType"]?.GetValue<string>() is not ("NONE" or "CAM"))
                {
                    throw new ScfApiException("InvalidParameterValue.TriggerDesc", "TriggerDesc.AuthType must be NONE or CAM.");
                }

                return desc;
        }
    }

    private static JsonObject Json(string text, string parameter)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            throw new ScfApiException("InvalidParameterValue.TriggerDesc", $"{parameter} is not a JSON object.");
        }
    }

    private static bool SameDesc(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return a == b;
        }
    }

    /// <summary>As ListTriggers answers: Enable as 1/0 and no CustomArgument when none was set (guess, local/README.md).</summary>
    private static JsonObject Listed(DeployedTrigger t)
    {
        var item = new JsonObject
        {
            ["Type"] = t.Type,
            ["TriggerName"] = t.TriggerName,
            ["TriggerDesc"] = t.TriggerDesc,
            ["Enable"] = t.Enable ? 1 : 0,
            ["Qualifier"] = t.Qualifier,
            ["AvailableStatus"] = "Available",
            ["AddTime"] = t.AddTime,
            ["ModTime"] = t.ModTime,
        };
        if (t.CustomArgument is not null)
        {
            item["CustomArgument"] = t.CustomArgument;
        }

        return item;
    }

    private static JsonObject Created(DeployedTrigger t)
    {
        var item = Listed(t);
        item["Enable"] = t.Enable ? "OPEN" : "CLOSE";
        return item;
    }

    private string Now() => time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<bucket>[a-z0-9-]+-[0-9]+)\.cos\.(?<region>[a-z0-9-]+)\.myqcloud\.com$")]
    private static partial Regex CosDomain();
}
