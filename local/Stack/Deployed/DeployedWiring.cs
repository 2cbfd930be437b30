using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageExport.Local.Emulator;
using ImageExport.Local.Emulator.Cos;
using ImageExport.Local.Emulator.Scf;
using ImageExport.Local.Stack.Serverless;

namespace ImageExport.Local.Stack.Deployed;

/// <summary>
/// <c>--wiring deployed</c>: the functions as the emulated SCF holds them after a deploy (README "Deploy"), not as the
/// stack reads serverless.yml: the deployed code package (unzipped from the emulated COS), handlers, memory, timeouts
/// and environment from the function records, and the triggers as SCF lists them. Image functions have no package:
/// they run the locally built binary as their image's entrypoint (<see cref="ImageFunctionInvoker"/>). The API gateway's
/// released APIs are read by <see cref="DeployedApis"/>. Only namespace <c>default</c>.
/// </summary>
internal static class DeployedWiring
{
    public const string Namespace = "default";

    /// <summary>What deploy/Dockerfile copies into the image and runs, relative to the repository.</summary>
    public const string ImageBinary = "artifacts/publish/image-export";

    /// <summary>The image each deployed image function names (<c>image.imageUrl</c>); empty for a code-package deploy.</summary>
    public static IReadOnlyDictionary<string, string> Images(EmulatorHost emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return DeployedFunctions.ReadAll(emulator.Options.StateDirectory)
            .Where(f => f.Namespace == Namespace && f.ImageUri is not null)
            .ToDictionary(f => f.FunctionName, f => f.ImageUri!, StringComparer.Ordinal);
    }

    /// <exception cref="FormatException">Nothing runnable was deployed (the message says what to do).</exception>
    public static ServerlessDefinition Read(EmulatorHost emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var stateDirectory = emulator.Options.StateDirectory;
        var deployed = DeployedFunctions.ReadAll(stateDirectory).Where(f => f.Namespace == Namespace).ToList();
        if (deployed.Count == 0)
        {
            throw new FormatException(
                $"--wiring deployed: no function was deployed into {DeployedFunctions.FunctionsDirectory(stateDirectory)}: deploy first (README \"Deploy\"), or use --wiring serverless");
        }

        // Image functions (image.imageUrl) have no code package: all of them run the locally built binary instead of
        // their image (ImageFunctionInvoker). A deploy mixing both is not something the local stack can run as one.
        var images = deployed.Where(f => f.ImageUri is not null).ToList();
        if (images.Count > 0 && images.Count < deployed.Count)
        {
            throw new FormatException($"--wiring deployed: {string.Join(", ", images.Select(f => f.FunctionName))} are image functions and the others are not; the local stack runs either a code package or an image for all functions");
        }

        var notes = new List<string>();
        string? codeDirectory = null;
        if (images.Count == 0)
        {
            var packages = deployed.Select(f => (f.CosBucketName, f.CosObjectName)).Distinct().ToList();
            if (deployed.Any(f => f.CosBucketName is null || f.CosObjectName is null))
            {
                throw new FormatException($"--wiring deployed: {string.Join(", ", deployed.Where(f => f.CosObjectName is null).Select(f => f.FunctionName))} has neither a code package nor an image");
            }

            if (packages.Count != 1)
            {
                throw new FormatException("--wiring deployed: the deployed functions use different code packages; the local stack runs one package for all functions");
            }

            codeDirectory = Unpack(emulator, packages[0].CosBucketName!, packages[0].CosObjectName!);
            notes.AddRange(deployed.Where(f => f.Runtime != "CustomRuntime")
                .Select(f => $"{f.FunctionName} was deployed with runtime {f.Runtime}; the package's bootstrap only runs as CustomRuntime"));
        }
        else
        {
            notes.AddRange(images.Select(f => f.ImageUri).Distinct().Select(image =>
                $"image {image}: no registry here, so the image's entrypoint is the locally built {ImageBinary} (deploy/Dockerfile's CMD)"));
        }

        var functions = deployed.Select(f => new ServerlessFunction(
            f.FunctionName,
            f.Handler ?? "",
            f.MemorySize,
            TimeSpan.FromSeconds(f.Timeout),
            TimeSpan.FromSeconds(f.InitTimeout ?? 3),
            [.. f.Environment.Select(v => new KeyValuePair<string, string>(v.Key, v.Value))])).ToList();

        var http = new List<HttpTriggerSpec>();
        var timers = new List<TimerTriggerSpec>();
        var cos = new List<CosTriggerSpec>();
        foreach (var function in deployed)
        {
            foreach (var trigger in function.Triggers)
            {
                var desc = JsonNode.Parse(trigger.TriggerDesc) as JsonObject ?? [];
                switch (trigger.Type)
                {
                    case "http":
                        http.Add(new HttpTriggerSpec(function.FunctionName, Text(desc, "AuthType")));
                        break;
                    case "timer":
                        timers.Add(new TimerTriggerSpec(trigger.TriggerName, function.FunctionName, Text(desc, "cron") ?? "", trigger.CustomArgument, trigger.Enable));
                        break;
                    case "cos":
                        var filter = desc["filter"] as JsonObject ?? [];
                        cos.Add(new CosTriggerSpec(
                            trigger.TriggerName, function.FunctionName, trigger.TriggerName, Text(desc, "event") ?? "",
                            Text(filter, "Prefix") ?? "", Text(filter, "Suffix") ?? "", trigger.Enable));
                        break;
                    case "apigw":
                        // Served from the API gateway's own records (DeployedApis), which say which API runs what.
                        break;
                    default:
                        notes.Add($"{function.FunctionName}: trigger type '{trigger.Type}' is not emulated");
                        break;
                }
            }
        }

        return new ServerlessDefinition(emulator.Region, codeDirectory, [], functions, http, timers, cos, notes);
    }

    /// <summary>The zip as deployed, unpacked with its file modes (the bootstrap stays executable) into the state directory.</summary>
    private static string Unpack(EmulatorHost emulator, string bucket, string key)
    {
        var target = Path.Combine(emulator.Options.StateDirectory, "scf", "code", Path.GetFileNameWithoutExtension(key));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        try
        {
            var (_, content) = emulator.Cos.Storage.OpenObject(bucket, key);
            using (content)
            {
                ZipFile.ExtractToDirectory(content, target, overwriteFiles: true);
            }
        }
        catch (CosErrorException e)
        {
            throw new FormatException($"--wiring deployed: the code package cos://{bucket}/{key} cannot be read: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"--wiring deployed: the code package cos://{bucket}/{key} is not a zip: {e.Message}", e);
        }

        return target;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
