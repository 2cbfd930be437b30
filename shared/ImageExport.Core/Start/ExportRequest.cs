namespace ImageExport.Core.Start;

/// <summary>A well-formed <c>POST /exports</c> body, normalised (format lower case, defaults applied).</summary>
internal sealed record ExportRequest
{
    public required IReadOnlyList<string> ImageIds { get; init; }
    public required string Bucket { get; init; }
    /// <summary>As given; null means "use the job ID".</summary>
    public string? Prefix { get; init; }
    public required string Format { get; init; }
    public bool OnlyRootDisk { get; init; }
    public bool DryRun { get; init; }
    public required string RoleName { get; init; }

    /// <summary>What identifies "the same request" for Idempotency-Key: every field but dryRun, normalised.</summary>
    public string Canonical() =>
        string.Join('\n', [string.Join(',', ImageIds), Bucket, Prefix ?? "", Format, OnlyRootDisk ? "1" : "0", RoleName]);
}
