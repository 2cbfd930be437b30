namespace ImageExport.Local.Stack.Serverless;

/// <summary>
/// What a multi-scf <c>serverless.yml</c> declares, after <c>${env:…}</c> substitution: the shared environment, the
/// functions and their triggers. Disabled triggers are kept (with <c>Enabled = false</c>) so checks can see them.
/// </summary>
internal sealed record ServerlessDefinition(
    string? Region,
    string? SourceDirectory,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<ServerlessFunction> Functions,
    IReadOnlyList<HttpTriggerSpec> HttpTriggers,
    IReadOnlyList<TimerTriggerSpec> TimerTriggers,
    IReadOnlyList<CosTriggerSpec> CosTriggers,
    IReadOnlyList<string> Notes)
{
    public ServerlessFunction Function(string name) =>
        Functions.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"serverless.yml declares no function '{name}'");
}

/// <summary>One entry of <c>inputs.functions</c>, with the inputs-level defaults applied.</summary>
/// <param name="Environment">The inputs-level environment with the function's own <c>environments</c> laid over it.</param>
internal sealed record ServerlessFunction(
    string Name,
    string Handler,
    int MemorySizeMb,
    TimeSpan Timeout,
    TimeSpan InitTimeout,
    IReadOnlyList<KeyValuePair<string, string>> Environment);

/// <summary>A Function URL trigger (<c>type: http</c>).</summary>
internal sealed record HttpTriggerSpec(string Function, string? AuthType);

/// <summary>A timer trigger: <c>cronExpression</c> has SCF's 7 fields; <c>argument</c> becomes the event's Message.</summary>
internal sealed record TimerTriggerSpec(string Name, string Function, string CronExpression, string? Argument, bool Enabled);

/// <summary>A COS trigger on one bucket, for one event pattern, with optional key prefix and suffix filters.</summary>
/// <param name="BucketDomain">As serverless.yml writes it: <c>&lt;name-appid&gt;.cos.&lt;region&gt;.myqcloud.com</c>.</param>
/// <param name="Events">E.g. <c>cos:ObjectCreated:*</c>.</param>
internal sealed record CosTriggerSpec(
    string Name, string Function, string BucketDomain, string Events, string Prefix, string Suffix, bool Enabled)
{
    /// <summary>The bucket's full name (<c>name-appid</c>): the domain up to <c>.cos.</c>.</summary>
    public string Bucket => BucketDomain.IndexOf(".cos.", StringComparison.OrdinalIgnoreCase) is > 0 and var at ? BucketDomain[..at] : BucketDomain;

    /// <summary>The region in the domain, or <c>null</c> when the domain is not the XML API form.</summary>
    public string? Region
    {
        get
        {
            var at = BucketDomain.IndexOf(".cos.", StringComparison.OrdinalIgnoreCase);
            if (at <= 0)
            {
                return null;
            }

            var rest = BucketDomain[(at + 5)..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 ? rest[..dot] : null;
        }
    }

    /// <summary>
    /// Whether an event on <paramref name="key"/> in this trigger's bucket fires it: the event pattern (a trailing
    /// <c>*</c> matches any concrete operation, so <c>cos:ObjectCreated:*</c> covers <c>…:Put</c> and
    /// <c>…:CompleteMultipartUpload</c>) and the plain-string prefix and suffix filters.
    /// </summary>
    public bool Matches(string eventName, string key)
    {
        var pattern = Events.Trim();
        var eventMatches = pattern.EndsWith('*')
            ? eventName.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(eventName, pattern, StringComparison.Ordinal);
        return eventMatches
            && key.StartsWith(Prefix, StringComparison.Ordinal)
            && key.EndsWith(Suffix, StringComparison.Ordinal);
    }
}
