using System.Text.Json.Serialization;

namespace ImageExport.Local.Emulator.Scf;

/// <summary>A deployed function as the emulated SCF keeps it (<c>&lt;state-dir&gt;/scf/functions/&lt;namespace&gt;/&lt;name&gt;.json</c>).</summary>
internal sealed record DeployedFunction
{
    public required string FunctionName { get; init; }

    public required string Namespace { get; init; }

    public required string Runtime { get; init; }

    public string? Handler { get; init; }

    public required int MemorySize { get; init; }

    public required int Timeout { get; init; }

    public int? InitTimeout { get; init; }

    public string? Role { get; init; }

    public string? Description { get; init; }

    public List<DeployedVariable> Environment { get; init; } = [];

    /// <summary>The code package: the COS bucket's full name (<c>name-appid</c>) and object key.</summary>
    public string? CosBucketName { get; init; }

    public string? CosObjectName { get; init; }

    /// <summary>An image function's image, instead of a code package.</summary>
    public string? ImageUri { get; init; }

    /// <summary><c>Creating</c>, <c>Updating</c> or <c>Active</c>.</summary>
    public required string Status { get; init; }

    /// <summary>How many more GetFunction answers report <see cref="Status"/> before it becomes Active.</summary>
    public int PendingReads { get; init; }

    public List<DeployedTrigger> Triggers { get; init; } = [];

    public required string AddTime { get; init; }

    public required string ModTime { get; init; }
}

internal sealed record DeployedVariable(string Key, string Value);

/// <summary>A trigger as SCF lists it: <see cref="TriggerDesc"/> as stored (a timer's as <c>{"cron":"…"}</c>).</summary>
internal sealed record DeployedTrigger
{
    public required string Type { get; init; }

    public required string TriggerName { get; init; }

    public required string TriggerDesc { get; init; }

    public required bool Enable { get; init; }

    public required string Qualifier { get; init; }

    public string? CustomArgument { get; init; }

    public required string AddTime { get; init; }

    public required string ModTime { get; init; }
}

/// <summary>One mutating call, appended to <c>&lt;state-dir&gt;/scf/calls.jsonl</c> so a rehearsal can see what a deploy changed.</summary>
internal sealed record ScfCallRecord(string Action, string FunctionName, string? Type = null, string? TriggerName = null, string? TriggerDesc = null);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeployedFunction))]
internal sealed partial class ScfJsonContext : JsonSerializerContext;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScfCallRecord))]
internal sealed partial class ScfCallJsonContext : JsonSerializerContext;
