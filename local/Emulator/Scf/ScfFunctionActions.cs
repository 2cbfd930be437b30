using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImageExport.Local.Emulator.Cos;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>
/// SCF 2018-04-16 function actions, as the deploy library calls them (docs/reference/deploy.md §3): GetFunction (a new or
/// changed function reads <c>Creating</c>/<c>Updating</c> once, then <c>Active</c>), CreateFunction,
/// UpdateFunctionCode, UpdateFunctionConfiguration and GetAlias. What SCF would refuse is refused here, before anything
/// is stored; limits Tencent does not state exactly are guesses listed in local/README.md.
/// </summary>
internal sealed partial class ScfFunctionActions(DeployedFunctions functions, CosStorage cos, string appId, TimeProvider time)
{
    // Runtimes SCF lists for event functions (guess: the console's list as of 2024); the default the component sends
    // when serverless.yml names none (Nodejs12.16) is among them, so a forgotten runtime deploys and then fails to run.
    private static readonly string[] Runtimes =
    [
        "CustomRuntime", "Nodejs6.10", "Nodejs8.9", "Nodejs10.15", "Nodejs12.16", "Nodejs14.18", "Nodejs16.13", "Nodejs18.15",
        "Python2.7", "Python3.6", "Python3.7", "Python3.9", "Python3.10", "Go1", "Java8", "Java11", "Php5.6", "Php7.2", "Php7.4", "Php8.0",
    ];

    public JsonObject GetFunction(FormParameters form)
    {
        var (ns, name) = Names(form);
        var function = functions.Find(ns, name) ?? throw NotFound(name);
        if (function.PendingReads > 0)
        {
            function = functions.Update(ns, name, f => f! with { PendingReads = f.PendingReads - 1 });
        }
        else if (function.Status != "Active")
        {
            function = functions.Update(ns, name, f => f! with { Status = "Active" });
        }

        return Describe(function);
    }

    public JsonObject CreateFunction(FormParameters form)
    {
        var (ns, name) = Names(form);
        if (!FunctionName().IsMatch(name))
        {
            throw new ScfApiException("InvalidParameterValue.FunctionName", $"FunctionName '{name}': 2-60 letters, digits, '-' or '_', starting with a letter and ending with a letter or digit.");
        }

        var now = Now();
        var created = Validated(form, new DeployedFunction
        {
            FunctionName = name,
            Namespace = ns,
            Runtime = form.Get("Runtime") is { Length: > 0 } runtime ? runtime : "Python3.6",
            MemorySize = 128,
            Timeout = 3,
            Status = "Creating",
            PendingReads = 1,
            AddTime = now,
            ModTime = now,
        }, creating: true);
        functions.Update(ns, name, existing => existing is null ? created : throw new ScfApiException("ResourceInUse.Function", $"The function {name} already exists."));
        functions.Record(new ScfCallRecord("CreateFunction", name));
        return [];
    }

    public JsonObject UpdateFunctionCode(FormParameters form)
    {
        var (ns, name) = Names(form);
        functions.Update(ns, name, existing =>
        {
            var function = Operational(existing, name);
            var code = Code(form) ?? throw ScfApiException.Missing("Code.CosBucketName");
            return function with
            {
                Handler = form.Get("Handler") is { Length: > 0 } handler ? handler : function.Handler,
                CosBucketName = code.Bucket,
                CosObjectName = code.Key,
                Status = "Updating",
                PendingReads = 1,
                ModTime = Now(),
            };
        });
        functions.Record(new ScfCallRecord("UpdateFunctionCode", name));
        return [];
    }

    public JsonObject UpdateFunctionConfiguration(FormParameters form)
    {
        var (ns, name) = Names(form);
        functions.Update(ns, name, existing => Validated(form, Operational(existing, name), creating: false) with
        {
            Status = "Updating",
            PendingReads = 1,
            ModTime = Now(),
        });
        functions.Record(new ScfCallRecord("UpdateFunctionConfiguration", name));
        return [];
    }

    /// <summary>Only the default alias exists: every invocation runs $LATEST.</summary>
    public JsonObject GetAlias(FormParameters form)
    {
        var (ns, name) = Names(form);
        var function = functions.Find(ns, name) ?? throw NotFound(name);
        var alias = form.Get("Name") ?? "$DEFAULT";
        if (alias != "$DEFAULT")
        {
            throw new ScfApiException("ResourceNotFound.Alias", $"The alias {alias} is not found.");
        }

        return new JsonObject
        {
            ["FunctionVersion"] = "$LATEST",
            ["Name"] = alias,
            ["RoutingConfig"] = new JsonObject { ["AdditionalVersionWeights"] = new JsonArray(), ["AddtionVersionMatchs"] = new JsonArray() },
            ["Description"] = "",
            ["AddTime"] = function.AddTime,
            ["ModTime"] = function.ModTime,
        };
    }

    public static (string Namespace, string Name) Names(FormParameters form) =>
        (form.Get("Namespace") is { Length: > 0 } ns ? ns : "default", form.Required("FunctionName"));

    public static ScfApiException NotFound(string name) =>
        new("ResourceNotFound.Function", $"The function {name} is not found; check its name and namespace.");

    private static DeployedFunction Operational(DeployedFunction? existing, string name)
    {
        var function = existing ?? throw NotFound(name);
        return function.Status == "Active" && function.PendingReads == 0
            ? function
            : throw new ScfApiException("FailedOperation.FunctionStatusError", $"The function {name} is {function.Status}; wait until it is Active.");
    }

    private DeployedFunction Validated(FormParameters form, DeployedFunction function, bool creating)
    {
        if (!Runtimes.Contains(function.Runtime))
        {
            throw new ScfApiException("InvalidParameterValue.Runtime", $"Runtime '{function.Runtime}' is not a runtime SCF offers.");
        }

        var memory = form.Int("MemorySize") ?? function.MemorySize;
        if (memory is not (64 or 128) && (memory % 128 != 0 || memory > 3072 || memory < 128))
        {
            throw new ScfApiException("InvalidParameterValue.MemorySize", $"MemorySize {memory}: 64, 128, or a multiple of 128 up to 3072 (MB).");
        }

        var timeout = form.Int("Timeout") ?? function.Timeout;
        if (timeout is < 1 or > 900)
        {
            throw new ScfApiException("InvalidParameterValue.Timeout", $"Timeout {timeout}: 1-900 seconds for an event function.");
        }

        var initTimeout = form.Int("InitTimeout") ?? function.InitTimeout;
        if (initTimeout is < 3 or > 300)
        {
            throw new ScfApiException("InvalidParameterValue.InitTimeout", $"InitTimeout {initTimeout}: 3-300 seconds.");
        }

        var updated = function with
        {
            MemorySize = memory,
            Timeout = timeout,
            InitTimeout = initTimeout,
            Role = form.Get("Role") ?? function.Role,
            Description = form.Get("Description") ?? function.Description,
            Environment = form.HasAny("Environment") ? Environment(form) : function.Environment,
        };
        if (!creating)
        {
            return updated;
        }

        var handler = form.Get("Handler");
        var image = form.Get("Code.ImageConfig.ImageUri");
        if (string.IsNullOrWhiteSpace(handler) && form.Get("Type") != "HTTP" && image is null)
        {
            throw ScfApiException.Missing("Handler");
        }

        var code = Code(form);
        if (code is null && image is null)
        {
            throw ScfApiException.Missing("Code");
        }

        return updated with { Handler = handler, CosBucketName = code?.Bucket, CosObjectName = code?.Key, ImageUri = image };
    }

    /// <summary>The code package in COS; the bucket may be named with or without its <c>-appid</c> and must hold the object.</summary>
    private (string Bucket, string Key)? Code(FormParameters form)
    {
        var bucket = form.Get("Code.CosBucketName");
        var key = form.Get("Code.CosObjectName");
        if (string.IsNullOrEmpty(bucket) && string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
        {
            throw ScfApiException.Missing(string.IsNullOrEmpty(bucket) ? "Code.CosBucketName" : "Code.CosObjectName");
        }

        var fullName = bucket.EndsWith("-" + appId, StringComparison.Ordinal) ? bucket : $"{bucket}-{appId}";
        var objectKey = key.TrimStart('/');
        try
        {
            _ = cos.HeadObject(fullName, objectKey);
        }
        catch (CosErrorException)
        {
            throw new ScfApiException("InvalidParameterValue.Code", $"The code package cos://{fullName}/{objectKey} does not exist.");
        }

        return (fullName, objectKey);
    }

    private static List<DeployedVariable> Environment(FormParameters form)
    {
        var variables = new List<DeployedVariable>();
        for (var i = 0; i < form.Count("Environment.Variables"); i++)
        {
            var key = form.Get($"Environment.Variables.{i}.Key") ?? "";
            var value = form.Get($"Environment.Variables.{i}.Value") ?? "";
            // The deploy library sends one empty pair to mean "no variables".
            if (key.Length == 0 && value.Length == 0)
            {
                continue;
            }

            if (!VariableName().IsMatch(key))
            {
                throw new ScfApiException("InvalidParameterValue.Environment", $"Environment variable name '{key}': letters, digits and '_', not starting with a digit.");
            }

            if (variables.Any(v => v.Key == key))
            {
                throw new ScfApiException("InvalidParameterValue.Environment", $"Environment variable {key} appears twice.");
            }

            variables.Add(new DeployedVariable(key, value));
        }

        return variables;
    }

    private static JsonObject Describe(DeployedFunction f)
    {
        var variables = new JsonArray();
        foreach (var v in f.Environment)
        {
            variables.Add(new JsonObject { ["Key"] = v.Key, ["Value"] = v.Value });
        }

        return new JsonObject
        {
            ["FunctionName"] = f.FunctionName,
            ["Namespace"] = f.Namespace,
            ["FunctionVersion"] = "$LATEST",
            ["Qualifier"] = "$LATEST",
            ["Type"] = "Event",
            ["Runtime"] = f.Runtime,
            ["Handler"] = f.Handler ?? "",
            ["MemorySize"] = f.MemorySize,
            ["Timeout"] = f.Timeout,
            ["InitTimeout"] = f.InitTimeout,
            ["Role"] = f.Role ?? "",
            ["Description"] = f.Description ?? "",
            ["Environment"] = new JsonObject { ["Variables"] = variables },
            ["Status"] = f.Status,
            ["StatusDesc"] = "",
            ["StatusReasons"] = new JsonArray(),
            ["Tags"] = new JsonArray(),
            ["Triggers"] = new JsonArray(),
            ["Layers"] = new JsonArray(),
            ["ClsLogsetId"] = "",
            ["ClsTopicId"] = "",
            ["AddTime"] = f.AddTime,
            ["ModTime"] = f.ModTime,
        };
    }

    private string Now() => time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$")]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
